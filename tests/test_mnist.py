"""Tests for mlp.mnist: reading, verifying and downloading the MNIST IDX files.

The real files are read from ``$MLP_DATA/mnist/`` or, when ``MLP_DATA`` is unset, from
``../shared/data/mnist/`` next to the repository. CI always sets ``MLP_DATA``, so there
these tests never skip. Downloads are tested against a small HTTP server on 127.0.0.1;
no test touches the network beyond the local machine.
"""

from __future__ import annotations

import gzip
import http.server
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from mlp import mnist
from mlp.mnist import (
    FILES,
    SHA256,
    MnistError,
    download_file,
    find_mnist_files,
    load_mnist,
    read_idx,
    sha256sum,
    verify_file,
)

_DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
DATA_ROOT = Path(os.environ["MLP_DATA"]) if os.environ.get("MLP_DATA") else _DEFAULT_DATA
MNIST_DIR = DATA_ROOT / "mnist"

NO_DATA = not os.environ.get("MLP_DATA") and not MNIST_DIR.is_dir()
NO_DATA_REASON = (
    f"MNIST files not available: MLP_DATA is unset and {MNIST_DIR} does not exist "
    "(CI always sets MLP_DATA, so these tests run there)"
)
needs_data = pytest.mark.skipif(NO_DATA, reason=NO_DATA_REASON)

SMALL = "t10k-labels-idx1-ubyte.gz"  # 4.5 kB, handy for download tests


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch, tmp_path):
    """Never download into the real cache, and keep proxies away from 127.0.0.1."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    # The real mirrors must never be contacted from a test.
    monkeypatch.setattr(mnist, "MIRRORS", ("http://127.0.0.1:9/unused/",))


@pytest.fixture(scope="module")
def mnist_data():
    if NO_DATA:
        pytest.skip(NO_DATA_REASON)
    start = time.perf_counter()
    data = load_mnist(data_dir=MNIST_DIR, download=False)
    return data, time.perf_counter() - start


def copy_files(dest: Path, names=None) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in names or FILES.values():
        shutil.copyfile(MNIST_DIR / name, dest / name)
    return dest


def write_gz(path: Path, data: bytes) -> Path:
    path.write_bytes(gzip.compress(data))
    return path


# ---- loading the real files ----


@needs_data
def test_load_shapes_dtypes_and_range(mnist_data):
    (X_train, y_train, X_test, y_test), _ = mnist_data
    assert X_train.shape == (60_000, 784) and X_test.shape == (10_000, 784)
    assert y_train.shape == (60_000,) and y_test.shape == (10_000,)
    assert X_train.dtype == np.float32 and X_test.dtype == np.float32
    assert y_train.dtype == np.int64 and y_test.dtype == np.int64
    for X in (X_train, X_test):
        assert X.min() == 0.0 and X.max() == 1.0
    assert X_train.flags.writeable and X_train.flags.c_contiguous


@needs_data
def test_load_labels(mnist_data):
    (_, y_train, _, y_test), _ = mnist_data
    assert y_train[0] == 5
    assert y_train[:5].tolist() == [5, 0, 4, 1, 9]
    assert y_test[:5].tolist() == [7, 2, 1, 0, 4]
    train_counts = np.bincount(y_train, minlength=10)
    test_counts = np.bincount(y_test, minlength=10)
    assert len(train_counts) == 10 and len(test_counts) == 10
    assert train_counts.sum() == 60_000 and test_counts.sum() == 10_000
    assert train_counts.tolist() == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    assert test_counts.tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


@needs_data
def test_load_is_fast(mnist_data):
    _, seconds = mnist_data
    # Typically ~0.3-0.6 s; the generous bound only catches an accidental slow path.
    assert seconds < 5.0


@needs_data
def test_raw_and_unflattened():
    X_train, y_train, X_test, _ = load_mnist(
        dtype=np.uint8, normalise=False, flatten=False, data_dir=MNIST_DIR, download=False
    )
    assert X_train.shape == (60_000, 28, 28) and X_test.shape == (10_000, 28, 28)
    assert X_train.dtype == np.uint8 and X_train.max() == 255
    # the first training image is a 5 with ink in the middle, white border
    assert X_train[0, 0].sum() == 0 and X_train[0, 10:20, 10:20].sum() > 0
    X64, *_ = load_mnist(dtype=np.float64, data_dir=MNIST_DIR, download=False)
    assert X64.dtype == np.float64
    np.testing.assert_array_equal(
        np.rint(X64[:100] * 255).astype(np.uint8), X_train[:100].reshape(100, -1)
    )


@needs_data
def test_read_idx_on_the_real_files():
    labels = read_idx(MNIST_DIR / "train-labels-idx1-ubyte.gz")
    assert labels.shape == (60_000,) and labels.dtype == np.uint8 and labels[0] == 5
    assert labels.flags.writeable
    images = read_idx(MNIST_DIR / "t10k-images-idx3-ubyte.gz")
    assert images.shape == (10_000, 28, 28) and images.dtype == np.uint8


@needs_data
def test_found_through_mlp_data(monkeypatch):
    monkeypatch.setenv("MLP_DATA", str(DATA_ROOT))
    paths = find_mnist_files(download=False)
    assert set(paths) == set(FILES)
    for role, name in FILES.items():
        assert paths[role] == MNIST_DIR / name


@needs_data
def test_lookup_order(monkeypatch, tmp_path):
    cache = copy_files(tmp_path / "xdg-cache" / "mlp" / "mnist")
    # MLP_DATA unset -> the cache is used
    monkeypatch.delenv("MLP_DATA", raising=False)
    paths = find_mnist_files(download=False)
    assert {p.parent for p in paths.values()} == {cache}
    # MLP_DATA set -> it comes before the cache
    monkeypatch.setenv("MLP_DATA", str(DATA_ROOT))
    paths = find_mnist_files(download=False)
    assert {p.parent for p in paths.values()} == {MNIST_DIR}
    # explicit data_dir -> only that folder
    own = copy_files(tmp_path / "own")
    paths = find_mnist_files(own, download=False)
    assert {p.parent for p in paths.values()} == {own}


@needs_data
def test_sha256sum_matches_the_published_checksums():
    for name, digest in SHA256.items():
        assert sha256sum(MNIST_DIR / name) == digest
        assert verify_file(MNIST_DIR / name) == MNIST_DIR / name


# ---- corrupted and missing files ----


@needs_data
@pytest.mark.parametrize("name", [SMALL, "train-images-idx3-ubyte.gz"])
def test_corrupted_file_is_detected(tmp_path, name):
    folder = copy_files(tmp_path / "data")
    path = folder / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01  # flip one bit
    path.write_bytes(bytes(data))
    for download in (False, True):  # a corrupted file is never silently replaced
        with pytest.raises(MnistError, match="SHA-256") as info:
            load_mnist(data_dir=folder, download=download)
        message = str(info.value)
        assert name in message
        assert SHA256[name] in message and sha256sum(path) in message
        assert "Delete it" in message and "MLP_DATA" in message


@needs_data
def test_truncated_file_is_detected(tmp_path):
    folder = copy_files(tmp_path / "data")
    path = folder / "train-labels-idx1-ubyte.gz"
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(MnistError, match=r"train-labels-idx1-ubyte\.gz failed its SHA-256 check"):
        load_mnist(data_dir=folder, download=False)


def test_missing_files_without_download(tmp_path, monkeypatch):
    monkeypatch.delenv("MLP_DATA", raising=False)
    with pytest.raises(MnistError, match="train-images-idx3-ubyte.gz not found") as info:
        load_mnist(download=False)
    message = str(info.value)
    assert str(tmp_path / "xdg-cache" / "mlp" / "mnist") in message
    assert "download=False" in message and "MLP_DATA" in message
    assert not (tmp_path / "xdg-cache").exists()  # nothing was created


def test_bad_arguments():
    with pytest.raises(ValueError, match="dtype must be a floating type when normalise=True"):
        load_mnist(dtype=np.uint8)
    with pytest.raises(TypeError, match="dtype must be a NumPy dtype"):
        load_mnist(dtype="not-a-dtype")
    with pytest.raises(ValueError, match="filename must be one of"):
        download_file("mnist.pkl.gz", ".")
    with pytest.raises(ValueError, match="timeout must be a finite positive number"):
        download_file(SMALL, ".", timeout=0)


# ---- the IDX reader ----


def idx_bytes(magic: int, dims: tuple[int, ...], payload: bytes) -> bytes:
    header = magic.to_bytes(4, "big") + b"".join(d.to_bytes(4, "big") for d in dims)
    return header + payload


def test_read_idx_roundtrip(tmp_path):
    images = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    path = write_gz(tmp_path / "images.gz", idx_bytes(2051, (2, 3, 4), images.tobytes()))
    np.testing.assert_array_equal(read_idx(path), images)
    # uncompressed files and other IDX types work too
    values = np.array([[1.5, -2.0], [3.25, 1e6]], dtype=">f4")
    raw = tmp_path / "floats.idx"
    raw.write_bytes(idx_bytes(0x0D02, (2, 2), values.tobytes()))
    out = read_idx(raw)
    assert out.dtype == np.float32 and out.dtype.isnative
    np.testing.assert_array_equal(out, values)


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (
            idx_bytes(0x12340803, (1, 1, 1), b"\x00"),
            r"not an IDX file: bad magic number 0x12340803",
        ),
        (idx_bytes(0x00000F03, (1, 1, 1), b"\x00"), r"bad magic number 0x00000F03"),
        (b"\x00\x00", r"not an IDX file: only 2 byte\(s\) long"),
        (b"\x00\x00\x08\x03\x00\x00", r"truncated: the IDX header needs 16 bytes, got 6"),
        (idx_bytes(2051, (2, 28, 28), bytes(100)), r"wrong size .* expected 1584 bytes, got 116"),
        (idx_bytes(2049, (5,), bytes(6)), r"wrong size .* expected 13 bytes, got 14"),
    ],
)
def test_read_idx_rejects_bad_files(tmp_path, data, match):
    path = write_gz(tmp_path / "bad-idx1-ubyte.gz", data)
    with pytest.raises(ValueError, match=match) as info:
        read_idx(path)
    assert str(path) in str(info.value)


def test_read_idx_rejects_broken_gzip(tmp_path):
    path = tmp_path / "broken.gz"
    path.write_bytes(gzip.compress(idx_bytes(2049, (3,), b"\x01\x02\x03"))[:-6])
    with pytest.raises(ValueError, match="not a valid gzip file"):
        read_idx(path)


def test_read_idx_turns_every_damaged_gzip_byte_into_a_value_error(tmp_path):
    # Flip each byte of a small gzip'd IDX file in turn: a damaged header, deflate
    # stream (zlib.error), CRC or length must give the documented ValueError, and a
    # flip the format does not check (the time stamp, say) must leave the data intact.
    labels = np.arange(200, dtype=np.uint8) % 10
    good = gzip.compress(idx_bytes(2049, (200,), labels.tobytes()), mtime=0)
    path = tmp_path / "damaged-idx1-ubyte.gz"
    for i in range(2, len(good)):  # bytes 0-1 are the gzip signature: then it is read as raw IDX
        for flip in (0x01, 0xFF):
            damaged = bytearray(good)
            damaged[i] ^= flip
            path.write_bytes(bytes(damaged))
            try:
                out = read_idx(path)
            except ValueError as exc:
                assert str(path) in str(exc)
            else:
                np.testing.assert_array_equal(out, labels)


def test_read_idx_names_a_corrupt_deflate_stream(tmp_path):
    data = gzip.compress(idx_bytes(2049, (300,), bytes(range(256)) + bytes(44)), mtime=0)
    damaged = bytearray(data)
    damaged[10] ^= 0x06  # the first deflate block header: an invalid block type
    path = tmp_path / "deflate-idx1-ubyte.gz"
    path.write_bytes(bytes(damaged))
    with pytest.raises(ValueError, match="not a valid gzip file"):
        read_idx(path)


def test_load_checks_the_magic_number(tmp_path):
    # a valid label file where an image file is expected
    path = write_gz(tmp_path / "x.gz", idx_bytes(2049, (3,), b"\x01\x02\x03"))
    with pytest.raises(
        MnistError, match="not an MNIST image file: magic number 2049, expected 2051"
    ):
        mnist._load_checked(path, 2051, 3)
    with pytest.raises(MnistError, match=r"shape \(3,\), expected \(4,\)"):
        mnist._load_checked(path, 2049, 4)


# ---- downloading from a local fake mirror ----


class _Handler(http.server.BaseHTTPRequestHandler):
    """Serves ``/<mode>/<file name>`` from ``server.files`` in several ways."""

    def do_GET(self):  # noqa: N802 (name fixed by http.server)
        _, mode, name = self.path.split("/", 2)
        body = self.server.files.get(name)
        if body is None or mode == "missing":
            self.send_error(404, "Not Found")
            return
        if mode == "bad":
            body = body[:-1] + bytes([body[-1] ^ 0xFF])
        elif mode == "big":
            body = body + bytes(100_000)
        elif mode == "slow":
            time.sleep(2.0)
        elif mode == "trickle":  # headers at once, then one byte every 20 ms, forever
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                for byte in body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.02)
            except OSError:  # the client gave up
                pass
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if mode == "trunc":  # promise the whole file, send half, hang up
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        try:
            self.wfile.write(body)
        except OSError:  # the client gave up (timeout test)
            pass

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture(scope="module")
def fake_mirror():
    """A local HTTP server; returns a function mode -> base URL."""
    if NO_DATA:
        pytest.skip(NO_DATA_REASON)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.files = {name: (MNIST_DIR / name).read_bytes() for name in FILES.values()}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    yield lambda mode: f"http://127.0.0.1:{port}/{mode}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def dead_mirror():
    """A URL on 127.0.0.1 where nothing listens (connection refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def test_download_from_a_good_mirror(fake_mirror, tmp_path):
    dest = tmp_path / "new" / "folder"
    path = download_file(SMALL, dest, mirrors=[fake_mirror("good")])
    assert path == dest / SMALL
    assert sha256sum(path) == SHA256[SMALL]
    assert sorted(os.listdir(dest)) == [SMALL]  # no temporary file left behind


@pytest.mark.parametrize("first", ["bad", "big", "trunc", "missing", "dead"])
def test_download_falls_back_to_the_next_mirror(fake_mirror, dead_mirror, tmp_path, first):
    first_url = dead_mirror if first == "dead" else fake_mirror(first)
    path = download_file(SMALL, tmp_path, mirrors=[first_url, fake_mirror("good")])
    assert sha256sum(path) == SHA256[SMALL]
    assert sorted(os.listdir(tmp_path)) == [SMALL]


def test_download_times_out_and_falls_back(fake_mirror, tmp_path):
    start = time.perf_counter()
    path = download_file(
        SMALL, tmp_path, mirrors=[fake_mirror("slow"), fake_mirror("good")], timeout=0.3
    )
    assert time.perf_counter() - start < 1.9
    assert sha256sum(path) == SHA256[SMALL]
    assert sorted(os.listdir(tmp_path)) == [SMALL]


def test_a_trickling_mirror_is_abandoned_at_the_deadline(fake_mirror, tmp_path):
    # Each read returns within the per-read timeout, so only a deadline ends this.
    start = time.perf_counter()
    with pytest.raises(MnistError, match=r"gave up after the deadline of 0\.5 s with \d+ of 4542 bytes"):
        download_file(SMALL, tmp_path, mirrors=[fake_mirror("trickle")], timeout=1.0, deadline=0.5)
    assert time.perf_counter() - start < 1.0 + 1.0  # deadline + at most one read timeout
    assert os.listdir(tmp_path) == []
    path = download_file(
        SMALL, tmp_path, mirrors=[fake_mirror("trickle"), fake_mirror("good")], timeout=1.0, deadline=0.5
    )
    assert sha256sum(path) == SHA256[SMALL] and sorted(os.listdir(tmp_path)) == [SMALL]


def test_the_deadline_is_checked(tmp_path):
    with pytest.raises(ValueError, match=r"deadline must be a finite positive number, got -1"):
        download_file(SMALL, tmp_path, mirrors=[], deadline=-1)


def test_all_mirrors_failing(fake_mirror, dead_mirror, tmp_path):
    mirrors = [
        dead_mirror,
        fake_mirror("bad"),
        fake_mirror("big"),
        fake_mirror("trunc"),
        fake_mirror("missing"),
    ]
    with pytest.raises(MnistError, match=f"could not download {SMALL} from any mirror") as info:
        download_file(SMALL, tmp_path, mirrors=mirrors)
    message = str(info.value)
    for base in mirrors:
        assert base + SMALL in message
    assert "SHA-256 mismatch" in message
    assert "more than the expected 4542 bytes" in message
    assert "404" in message
    assert "connection closed after 2271 of 4542 bytes" in message
    assert str(tmp_path / SMALL) in message and "MLP_DATA" in message
    assert os.listdir(tmp_path) == []  # atomic: no partial or unverified file


def test_failed_download_keeps_an_existing_good_file_untouched(fake_mirror, tmp_path):
    good = download_file(SMALL, tmp_path, mirrors=[fake_mirror("good")])
    before = good.stat().st_mtime_ns
    with pytest.raises(MnistError):
        download_file(SMALL, tmp_path, mirrors=[fake_mirror("bad")])
    assert good.stat().st_mtime_ns == before and sha256sum(good) == SHA256[SMALL]
    assert sorted(os.listdir(tmp_path)) == [SMALL]


def test_load_mnist_downloads_into_the_cache(fake_mirror, dead_mirror, monkeypatch, tmp_path):
    monkeypatch.delenv("MLP_DATA", raising=False)
    monkeypatch.setattr(mnist, "MIRRORS", (dead_mirror, fake_mirror("good")))
    X_train, y_train, X_test, y_test = load_mnist()
    cache = tmp_path / "xdg-cache" / "mlp" / "mnist"
    assert sorted(os.listdir(cache)) == sorted(FILES.values())
    assert X_train.shape == (60_000, 784) and y_train[0] == 5
    assert X_test.shape == (10_000, 784) and y_test.shape == (10_000,)
    # a second call finds the files and downloads nothing
    monkeypatch.setattr(mnist, "MIRRORS", (dead_mirror,))
    load_mnist(download=False)


def test_load_mnist_reports_failed_downloads(dead_mirror, monkeypatch, tmp_path):
    monkeypatch.delenv("MLP_DATA", raising=False)
    monkeypatch.setattr(mnist, "MIRRORS", (dead_mirror,))
    with pytest.raises(MnistError, match="could not download train-images-idx3-ubyte.gz") as info:
        load_mnist()
    assert dead_mirror + "train-images-idx3-ubyte.gz" in str(info.value)
    cache = tmp_path / "xdg-cache" / "mlp" / "mnist"
    assert os.listdir(cache) == []


def test_unwritable_download_folder(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(MnistError, match="cannot create the folder"):
        download_file(SMALL, blocker / "sub", mirrors=["http://127.0.0.1:9/"])
