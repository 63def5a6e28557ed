"""The integration tests' port helper: each port it hands out is a port no other test part holds."""

from tests.integration.helpers import free_port


def test_no_port_is_handed_out_twice():
    # the OS offers a port again soon after it is closed: a broker's port came back as a worker's, which
    # then could not bind (1 in 15 of 2,000 bare picks here repeated one)
    ports = [free_port() for _ in range(500)] + [free_port(step=100) for _ in range(100)]
    assert len(set(ports)) == len(ports)
    assert not {p + 100 for p in ports[500:]} & set(ports)
