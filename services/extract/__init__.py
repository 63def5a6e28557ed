"""Extract: turn cleaned articles into metric facts as spec/metrics.md defines them."""
