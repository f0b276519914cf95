"""MNIST handwritten digits, read from the original IDX files.

MNIST (LeCun, Cortes and Burges) holds 28x28 grayscale images of the digits 0-9:
60,000 for training and 10,000 for testing. It is distributed as four
gzip-compressed files in the simple *IDX* format::

    train-images-idx3-ubyte.gz   train-labels-idx1-ubyte.gz
    t10k-images-idx3-ubyte.gz    t10k-labels-idx1-ubyte.gz

:func:`load_mnist` looks for these files, in this order, in

1. the ``data_dir`` argument, when given (then nowhere else);
2. ``$MLP_DATA/mnist/``, when the environment variable ``MLP_DATA`` is set;
3. the cache directory ``$XDG_CACHE_HOME/mlp/mnist`` (``~/.cache/mlp/mnist`` when
   ``XDG_CACHE_HOME`` is unset).

A file found nowhere is downloaded into the cache (or into ``data_dir``) from the
mirrors in :data:`MIRRORS`, tried in turn. Every file, downloaded or found, must
match its published SHA-256 checksum before it is used; a download is written to a
temporary file and renamed into place only after it has passed, so an interrupted
download never leaves a partial file behind. The files are parsed with
:func:`numpy.frombuffer` -- nothing is ever unpickled.

The IDX format (big-endian) is short enough to state in full. A file starts with a
4-byte *magic number*: two zero bytes, a type code (``0x08`` = unsigned byte) and the
number of dimensions. Then come the dimensions as 4-byte integers, then the data in
row-major (C) order. So an image file starts with magic ``0x00000803`` = 2051,
count, 28, 28; a label file with ``0x00000801`` = 2049 and the count.
"""

from __future__ import annotations

import gzip
import hashlib
import http.client
import os
import tempfile
import time
import urllib.request
import zlib
from pathlib import Path

import numpy as np

from ._validate import check_positive

__all__ = [
    "MnistError",
    "MIRRORS",
    "FILES",
    "SHA256",
    "SIZES",
    "load_mnist",
    "read_idx",
    "find_mnist_files",
    "download_file",
    "sha256sum",
    "verify_file",
    "default_cache_dir",
]

#: Base URLs tried in turn; a file's URL is the base followed by its name.
MIRRORS: tuple[str, ...] = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
)

#: The four files, by role.
FILES: dict[str, str] = {
    "train_images": "train-images-idx3-ubyte.gz",
    "train_labels": "train-labels-idx1-ubyte.gz",
    "test_images": "t10k-images-idx3-ubyte.gz",
    "test_labels": "t10k-labels-idx1-ubyte.gz",
}

#: Published SHA-256 checksums of the gzip files.
SHA256: dict[str, str] = {
    "train-images-idx3-ubyte.gz": (
        "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"
    ),
    "train-labels-idx1-ubyte.gz": (
        "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"
    ),
    "t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    "t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
}

#: Sizes of the gzip files in bytes (a download larger than this is cut off).
SIZES: dict[str, int] = {
    "train-images-idx3-ubyte.gz": 9_912_422,
    "train-labels-idx1-ubyte.gz": 28_881,
    "t10k-images-idx3-ubyte.gz": 1_648_877,
    "t10k-labels-idx1-ubyte.gz": 4_542,
}

#: Seconds to wait for a mirror before giving up on it.
TIMEOUT = 30.0

#: Wall-clock seconds one file may take to download from one mirror (a mirror that
#: trickles bytes more slowly is abandoned; the largest file, 9.9 MB, needs ~17 kB/s).
DEADLINE = 600.0

# IDX type codes -> big-endian NumPy dtypes.
_IDX_DTYPES = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}
_IMAGE_MAGIC = 2051  # 0x00000803: unsigned bytes, 3 dimensions
_LABEL_MAGIC = 2049  # 0x00000801: unsigned bytes, 1 dimension
_CHUNK = 1 << 20


class MnistError(RuntimeError):
    """MNIST files are missing, corrupted, or could not be downloaded."""


# ---- IDX parsing ----


def _parse_idx(data: bytes, source: str) -> tuple[int, np.ndarray]:
    """Return ``(magic, array)`` for the IDX bytes ``data``; ``source`` names them in errors."""
    if len(data) < 4:
        raise ValueError(f"{source} is not an IDX file: only {len(data)} byte(s) long")
    magic = int.from_bytes(data[:4], "big")
    zero, code, ndim = int.from_bytes(data[:2], "big"), data[2], data[3]
    if zero != 0 or code not in _IDX_DTYPES or ndim == 0:
        raise ValueError(
            f"{source} is not an IDX file: bad magic number 0x{magic:08X} (expected two zero "
            "bytes, a type code such as 0x08 and the number of dimensions, e.g. 0x00000803 = 2051 "
            "for images or 0x00000801 = 2049 for labels)"
        )
    header = 4 + 4 * ndim
    if len(data) < header:
        raise ValueError(
            f"{source} is truncated: the IDX header needs {header} bytes, got {len(data)}"
        )
    shape = tuple(int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    dtype = _IDX_DTYPES[code]
    expected = header + int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if len(data) != expected:
        raise ValueError(
            f"{source} has the wrong size for an IDX array of shape {shape} and dtype {dtype}: "
            f"expected {expected} bytes, got {len(data)}"
        )
    arr = np.frombuffer(data, dtype=dtype, offset=header).reshape(shape)
    return magic, arr


def _read_bytes(path: Path) -> bytes:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":  # gzip signature
        try:
            return gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as exc:  # bad header, CRC, deflate stream, end
            raise ValueError(f"{path} is not a valid gzip file: {exc}") from exc
    return raw


def read_idx(path: str | os.PathLike[str]) -> np.ndarray:
    """Read one IDX file (gzip-compressed or not) into a NumPy array.

    Parameters
    ----------
    path : str or path-like
        The file, e.g. ``"train-labels-idx1-ubyte.gz"``.

    Returns
    -------
    ndarray
        The array with the shape stored in the file, in native byte order
        (``uint8`` for MNIST).

    Raises
    ------
    ValueError
        If the file is a damaged gzip stream, does not start with a valid IDX magic
        number, or its length does not match the header.

    Examples
    --------
    >>> labels = read_idx("train-labels-idx1-ubyte.gz")  # doctest: +SKIP
    >>> labels.shape, labels.dtype
    ((60000,), dtype('uint8'))
    """
    path = Path(path)
    _, arr = _parse_idx(_read_bytes(path), str(path))
    return arr.astype(arr.dtype.newbyteorder("="))  # a writable copy in native byte order


# ---- checksums ----


def sha256sum(path: str | os.PathLike[str]) -> str:
    """Return the SHA-256 checksum of a file as 64 hexadecimal digits."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def verify_file(path: str | os.PathLike[str]) -> Path:
    """Check an MNIST file against its published SHA-256 checksum.

    Parameters
    ----------
    path : str or path-like
        One of the four files; its name (see :data:`FILES`) selects the checksum.

    Returns
    -------
    pathlib.Path
        ``path``, once it has passed.

    Raises
    ------
    MnistError
        If the checksum differs, with the expected and the actual value and what to do.
    """
    path = Path(path)
    if path.name not in SHA256:
        raise ValueError(
            f"path must name one of the MNIST files {sorted(SHA256)}, got {path.name!r}"
        )
    expected = SHA256[path.name]
    actual = sha256sum(path)
    if actual != expected:
        raise MnistError(
            f"{path.name} failed its SHA-256 check (file {path}, {path.stat().st_size} bytes):\n"
            f"  expected SHA-256 {expected}\n"
            f"  actual   SHA-256 {actual}\n"
            "The file is corrupted or incomplete. Delete it and call load_mnist() again to "
            "download a fresh copy, or set MLP_DATA to a folder whose mnist/ subfolder holds "
            "verified copies of the four files."
        )
    return path


# ---- finding and downloading ----


def default_cache_dir() -> Path:
    """The download cache: ``$XDG_CACHE_HOME/mlp/mnist`` or ``~/.cache/mlp/mnist``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mlp" / "mnist"


def _search_dirs(data_dir: str | os.PathLike[str] | None) -> tuple[list[Path], Path]:
    """Directories to search, in order, and the one to download into."""
    if data_dir is not None:
        d = Path(data_dir)
        return [d], d
    dirs = []
    if os.environ.get("MLP_DATA"):
        dirs.append(Path(os.environ["MLP_DATA"]) / "mnist")
    cache = default_cache_dir()
    dirs.append(cache)
    return dirs, cache


def _manual_instructions(filename: str, target: Path, mirrors: tuple[str, ...]) -> str:
    urls = "\n".join(f"    {m.rstrip('/')}/{filename}" for m in mirrors) or "    (no mirrors)"
    return (
        f"To place the file by hand, download it from one of\n{urls}\n"
        f"and save it as {target / filename}, or put all four MNIST files in a folder "
        "DIR/mnist/ and set the environment variable MLP_DATA=DIR."
    )


def download_file(
    filename: str,
    dest_dir: str | os.PathLike[str],
    *,
    mirrors: tuple[str, ...] | list[str] | None = None,
    timeout: float | None = None,
    deadline: float | None = None,
) -> Path:
    """Download one MNIST file into ``dest_dir``, verified and written atomically.

    Each mirror is tried in turn. The bytes go to a temporary file in ``dest_dir``
    while their SHA-256 is computed; only a file with the right checksum is renamed
    (:func:`os.replace`, atomic) to its final name. On any failure the temporary file
    is removed and the next mirror is tried.

    Parameters
    ----------
    filename : str
        One of the four names in :data:`FILES`.
    dest_dir : str or path-like
        Where to save the file (created if needed).
    mirrors : sequence of str, optional
        Base URLs; defaults to :data:`MIRRORS`.
    timeout : float, optional
        Seconds to wait for each mirror; defaults to :data:`TIMEOUT`.
    deadline : float, optional
        Wall-clock seconds the whole file may take from one mirror; defaults to
        :data:`DEADLINE`. A mirror that has not delivered the file by then is
        abandoned (at the latest ``timeout`` seconds later) and the next one tried.

    Returns
    -------
    pathlib.Path
        The verified file.

    Raises
    ------
    MnistError
        If no mirror delivered a file with the right checksum. The message lists each
        mirror with what went wrong and says how to place the file by hand.
    """
    if filename not in SHA256:
        raise ValueError(f"filename must be one of {sorted(SHA256)}, got {filename!r}")
    mirrors = tuple(MIRRORS if mirrors is None else mirrors)
    timeout = check_positive("timeout", TIMEOUT if timeout is None else timeout)
    deadline = check_positive("deadline", DEADLINE if deadline is None else deadline)
    dest = Path(dest_dir)
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MnistError(
            f"cannot create the folder {dest} to download {filename} into ({exc}). Pass "
            "data_dir= a writable folder, or set XDG_CACHE_HOME or MLP_DATA."
        ) from exc
    target = dest / filename
    expected, limit = SHA256[filename], SIZES[filename]
    failures = []
    for base in mirrors:
        url = base if base.endswith(filename) else base.rstrip("/") + "/" + filename
        request = urllib.request.Request(url, headers={"User-Agent": "mlp-mnist-loader"})
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=f".{filename}.", suffix=".part", dir=dest)
        except OSError as exc:
            raise MnistError(
                f"cannot write to {dest} ({exc}). Pass data_dir= a writable folder, "
                "or set XDG_CACHE_HOME or MLP_DATA."
            ) from exc
        tmp = Path(tmp_name)
        try:
            h = hashlib.sha256()
            size = 0
            start = time.monotonic()
            with (
                os.fdopen(fd, "wb") as out,
                urllib.request.urlopen(request, timeout=timeout) as resp,
            ):
                announced = resp.headers.get("Content-Length")
                # read1 returns what one read of the socket delivers, so the deadline is
                # checked even when a mirror sends a byte at a time (read() would wait
                # for a whole chunk).
                read = getattr(resp, "read1", resp.read)
                while chunk := read(_CHUNK):
                    if time.monotonic() - start > deadline:
                        raise MnistError(
                            f"gave up after the deadline of {deadline:g} s with {size + len(chunk)} "
                            f"of {limit} bytes received (the mirror is too slow); pass a larger "
                            "deadline= to wait longer"
                        )
                    size += len(chunk)
                    if size > limit:
                        raise MnistError(f"more than the expected {limit} bytes")
                    h.update(chunk)
                    out.write(chunk)
            if announced and announced.isdigit() and size < int(announced):
                raise MnistError(f"connection closed after {size} of {announced} bytes")
            actual = h.hexdigest()
            if actual != expected:
                raise MnistError(
                    f"SHA-256 mismatch ({size} bytes): expected {expected}, got {actual}"
                )
            os.replace(tmp, target)  # atomic: the final name only ever holds a verified file
            return target
        except (OSError, ValueError, http.client.HTTPException, MnistError) as exc:
            # OSError covers URLError, HTTPError, refused connections and timeouts;
            # HTTPException covers a connection that drops mid-download.
            failures.append(f"  {url}: {exc}")
        finally:
            tmp.unlink(missing_ok=True)
    tried = "\n".join(failures) if failures else "  (no mirrors configured)"
    raise MnistError(
        f"could not download {filename} from any mirror. Tried:\n{tried}\n"
        + _manual_instructions(filename, dest, mirrors)
    )


def find_mnist_files(
    data_dir: str | os.PathLike[str] | None = None, *, download: bool = True
) -> dict[str, Path]:
    """Locate (and if needed download) the four MNIST files, each verified by SHA-256.

    Parameters
    ----------
    data_dir : str or path-like, optional
        The folder holding the four ``.gz`` files. When given, only this folder is
        searched, and missing files are downloaded into it. Otherwise
        ``$MLP_DATA/mnist/`` and then :func:`default_cache_dir` are searched, and
        missing files are downloaded into the cache.
    download : bool, default True
        Whether to download missing files.

    Returns
    -------
    dict
        Maps each role in :data:`FILES` (``"train_images"``, ...) to a verified path.
    """
    dirs, download_dir = _search_dirs(data_dir)
    found = {}
    for role, name in FILES.items():
        path = next((d / name for d in dirs if (d / name).is_file()), None)
        if path is None:
            if not download:
                where = "\n".join(f"    {d}" for d in dirs)
                raise MnistError(
                    f"{name} not found; looked in\n{where}\nNothing was downloaded because "
                    "download=False. Call load_mnist(download=True) to fetch it.\n"
                    + _manual_instructions(name, download_dir, MIRRORS)
                )
            path = download_file(name, download_dir)
        found[role] = verify_file(path)
    return found


# ---- loading ----


def _load_checked(path: Path, magic: int, count: int) -> np.ndarray:
    got_magic, arr = _parse_idx(_read_bytes(path), str(path))
    kind = "image" if magic == _IMAGE_MAGIC else "label"
    if got_magic != magic:
        raise MnistError(
            f"{path} is not an MNIST {kind} file: magic number {got_magic}, expected {magic}"
        )
    shape = (count, 28, 28) if kind == "image" else (count,)
    if arr.shape != shape:
        raise MnistError(f"{path} holds an array of shape {arr.shape}, expected {shape}")
    return arr


def load_mnist(
    *,
    dtype: np.dtype | type = np.float32,
    normalise: bool = True,
    flatten: bool = True,
    data_dir: str | os.PathLike[str] | None = None,
    download: bool = True,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Load MNIST as NumPy arrays, examples as rows.

    Parameters
    ----------
    dtype : dtype, default numpy.float32
        Type of the image arrays. float32 halves memory and time compared with
        float64; ``numpy.uint8`` (with ``normalise=False``) gives the raw bytes.
    normalise : bool, default True
        Divide the pixel values 0..255 by 255, giving values in [0, 1]
        (requires a floating ``dtype``).
    flatten : bool, default True
        Return each image as a row of 784 pixels (shape ``(n, 784)``) rather than
        as a 28x28 array (shape ``(n, 28, 28)``).
    data_dir : str or path-like, optional
        Folder holding the four ``.gz`` files; see :func:`find_mnist_files` for
        where they are looked for otherwise.
    download : bool, default True
        Download missing files from :data:`MIRRORS`.

    Returns
    -------
    X_train : ndarray of shape (60000, 784) or (60000, 28, 28)
    y_train : ndarray of shape (60000,), int64
        The digit shown, 0-9.
    X_test : ndarray of shape (10000, 784) or (10000, 28, 28)
    y_test : ndarray of shape (10000,), int64

    Raises
    ------
    MnistError
        If a file is missing (with ``download=False``), fails its SHA-256 check, or
        cannot be downloaded; the message says what to do.

    Examples
    --------
    >>> X_train, y_train, X_test, y_test = load_mnist()  # doctest: +SKIP
    >>> X_train.shape, X_train.dtype, y_train[:5]
    ((60000, 784), dtype('float32'), array([5, 0, 4, 1, 9]))
    """
    try:
        dt = np.dtype(dtype)
    except TypeError as exc:
        raise TypeError(f"dtype must be a NumPy dtype such as np.float32, got {dtype!r}") from exc
    if normalise and dt.kind != "f":
        raise ValueError(
            f"dtype must be a floating type when normalise=True (pixels lie in [0, 1]), got {dt}"
        )
    if dt.kind not in "fiu":
        raise ValueError(f"dtype must be a floating or integer type, got {dt}")
    paths = find_mnist_files(data_dir, download=download)

    def images(role: str, count: int) -> np.ndarray:
        raw = _load_checked(paths[role], _IMAGE_MAGIC, count)
        if flatten:
            raw = raw.reshape(count, 28 * 28)
        if normalise:
            out = raw.astype(dt)
            out /= 255  # division (not * (1/255)) keeps 255 / 255 exactly 1
            return out
        return raw.astype(dt)  # always a writable copy

    def labels(role: str, count: int) -> np.ndarray:
        y = _load_checked(paths[role], _LABEL_MAGIC, count).astype(np.int64)
        if y.min() < 0 or y.max() > 9:
            raise MnistError(f"{paths[role]} holds labels outside 0..9")
        return y

    return (
        images("train_images", 60_000),
        labels("train_labels", 60_000),
        images("test_images", 10_000),
        labels("test_labels", 10_000),
    )
