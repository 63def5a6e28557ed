"""placeholder"""
from services.common.schemas import Article, CleanItem, MetricFact


def extract_article(item: CleanItem, unit: Article) -> list[MetricFact]:
    return []
