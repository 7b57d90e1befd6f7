"""The title filter's index kept in a file between sessions, used again while the titles it was
built from are the same (a million titles: building it takes seconds, loading it a fraction)."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from dipterm.store.fuzzy import TitleIndex
from dipterm.whole_files import written_whole

# Raise when TitleIndex or query.tokens change what an index holds: older files are then rebuilt.
FORMAT = 2  # 2: a title indexed on its first 64 words
# What reading a kept file may raise when it is missing, cut short or not an index at all.
_UNREADABLE = (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile)


def title_index(read: Callable[[], tuple[list[int], list[str]]], library: Path, cache: Path):
    """The ids (an array) and the index of the titles read() gives (every article's id and
    title): the index from the library's file in cache if it was built from the same titles,
    else built (and kept there, if the folder can be written). The titles are let go before a
    kept index is loaded (a million take 110 MB); read() runs again only if that file then
    proves damaged."""
    ids, titles = _read_titles(read)
    digest = _digest(titles)
    name = hashlib.sha256(str(library.resolve()).encode()).hexdigest()[:16]
    path = cache / f"titles-{name}.npz"
    if _kept_digest(path) == digest:
        count = len(titles)
        del titles
        index = _load(path, digest, count)
        if index is not None:
            return ids, index
        ids, titles = _read_titles(read)
        digest = _digest(titles)
    index = TitleIndex(titles)
    _save(path, digest, index, library)
    _forget_gone_libraries(cache, keep=path)
    return ids, index


def _read_titles(read: Callable[[], tuple[list[int], list[str]]]):
    """The ids as an array (8 MB for a million, not 36 as a list) and the titles."""
    import numpy as np

    listed, titles = read()
    return np.array(listed, dtype=np.int64), titles


def _kept_digest(path: Path) -> bytes | None:
    """The digest of the titles the kept index was built from (None: no file, or damaged)."""
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as kept:
            return kept["digest"].tobytes()
    except _UNREADABLE:
        return None


def _digest(titles: Sequence[str]) -> bytes:
    """A fingerprint of the titles, in order (ingest strips control characters: none holds NUL)."""
    h = hashlib.blake2b(f"{FORMAT}\0{len(titles)}".encode(), digest_size=16)
    for start in range(0, len(titles), 50_000):  # not all at once: a million are 60 MB twice
        h.update(
            ("\0" + "\0".join(titles[start : start + 50_000])).encode("utf-8", "surrogatepass")
        )
    return h.digest()


def _load(path: Path, digest: bytes, count: int) -> TitleIndex | None:
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as kept:
            if kept["digest"].tobytes() != digest:
                return None
            text = kept["words"].tobytes().decode("utf-8")
            order, positions = kept["order"], kept["positions"]
    except _UNREADABLE:
        return None  # none yet, or damaged: built again
    words = text.split("\n") if text else []
    if (
        positions.ndim != 2
        or positions.shape[1] != count
        or len(order) != len(words)
        or (positions.size and not 0 <= positions.min() <= positions.max() <= len(words))
    ):
        return None
    return TitleIndex.restore(words, order, positions)


def _save(path: Path, digest: bytes, index: TitleIndex, library: Path) -> None:
    """Write the index beside the others, whole or not at all; a folder that cannot be written
    only means the index is built again next time."""
    import numpy as np

    words, order, positions = index.parts()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with written_whole(path, sync=False) as out:  # a cache: no need to wait for the disk
            np.savez(
                out,
                digest=np.frombuffer(digest, dtype=np.uint8),
                library=np.frombuffer(str(library.resolve()).encode("utf-8"), dtype=np.uint8),
                words=np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
                order=order,
                positions=positions,
            )
    except OSError:
        pass  # built again next time


def _forget_gone_libraries(cache: Path, keep: Path) -> None:
    """Remove the kept indexes of libraries that no longer exist (a file unreadable is left)."""
    import numpy as np

    for path in cache.glob("titles-*.npz"):
        if path == keep:
            continue
        try:
            with np.load(path, allow_pickle=False) as kept:
                library = Path(kept["library"].tobytes().decode("utf-8"))
            if not library.exists():
                path.unlink()
        except _UNREADABLE:
            continue
