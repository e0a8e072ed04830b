"""Network faults through a small local TCP proxy: reset mid-body, slow link, a timeout while
the server commits. Each ends, after a clean retry, in the same state as a clean run."""

import pytest

from desk.sync.errors import SyncError
from tests.sync.helpers import act, assert_converged, register
from tests.sync.proxy import FaultyProxy


@pytest.fixture
def proxy(central):
    p = FaultyProxy(central.port)
    yield p
    p.close()


def test_network_faults_then_a_clean_retry_end_like_a_clean_run(stations, central, proxy):
    a, b = stations("SX"), stations("JL")
    a.url = b.url = proxy.url
    register(b, 2)
    b.sync()
    for mode in ("reset", "timeout", "slow"):
        ids = register(a, 4)
        act(a, ids[0], "accept")
        proxy.mode, proxy.faults_left = mode, 3
        if mode == "slow":
            a.sync(batch_size=5, timeout=30)
        else:
            with pytest.raises(SyncError):
                a.sync(batch_size=5, timeout=1.5)
            assert proxy.faults_done > 0
        proxy.mode = None
        a.sync(batch_size=5)
        b.sync()
        assert_converged(central, a, b)
