"""The title index kept between sessions: used again only for the same titles, rebuilt otherwise."""

import pytest

import dipterm.store.fuzzy as fuzzy
from dipterm.store.fuzzy import TitleIndex
from dipterm.store.title_cache import title_index as kept_or_built

TITLES = [
    "Visit opens a new chapter of DPRK-Russia ties",
    "Kim Jong Un Meets Putin",
    "Talks held in Pyongyang",
    "Choe Son Hui Receives Lavrov",
    "Summit 2018 Hailed",
    "Élysée statement on the Korean peninsula",
]
QUERIES = ["chaptr vist", "kim jong", "pyong", "2018", "lavrow", "elysee", "x"]


def _answers(index: TitleIndex) -> list:
    return [index.filter(q) for q in QUERIES]


def title_index(titles, library, cache, reads=None):
    """The kept or built index of these titles (ids 100, 101, ...), counting the reads."""

    def read():
        if reads is not None:
            reads.append(1)
        return [100 + i for i in range(len(titles))], list(titles)

    ids, index = kept_or_built(read, library, cache)
    assert ids.tolist() == [100 + i for i in range(len(titles))]
    return index


def _no_building(monkeypatch) -> None:
    def refuse(titles):
        raise AssertionError("the index was built, not loaded")

    monkeypatch.setattr(fuzzy, "_title_words_by_id", refuse)


def test_the_same_titles_load_the_kept_index(tmp_path, monkeypatch) -> None:
    library, cache = tmp_path / "library.db", tmp_path / "cache"
    fresh = _answers(TitleIndex(TITLES))
    assert _answers(title_index(TITLES, library, cache)) == fresh
    assert len(list(cache.iterdir())) == 1
    _no_building(monkeypatch)
    loaded = title_index(list(TITLES), library, cache)
    assert _answers(loaded) == fresh
    assert loaded.size == len(TITLES)


@pytest.mark.parametrize(
    "changed",
    [
        TITLES[:2] + ["Talks held in Wonsan"] + TITLES[3:],  # one title edited, same count
        TITLES[:-1],  # one removed
        TITLES + ["Kim Jong Un Meets Xi"],  # one added
        TITLES[1:] + TITLES[:1],  # the same titles in another order
    ],
)
def test_other_titles_build_a_new_index(tmp_path, changed) -> None:
    library, cache = tmp_path / "library.db", tmp_path / "cache"
    title_index(TITLES, library, cache)
    index = title_index(changed, library, cache)
    assert _answers(index) == _answers(TitleIndex(changed))


def test_each_library_keeps_its_own(tmp_path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    (tmp_path / "a.db").touch()
    (tmp_path / "b.db").touch()
    title_index(TITLES, tmp_path / "a.db", cache)
    title_index(TITLES[:3], tmp_path / "b.db", cache)
    _no_building(monkeypatch)
    assert title_index(TITLES, tmp_path / "a.db", cache).size == len(TITLES)
    assert title_index(TITLES[:3], tmp_path / "b.db", cache).size == 3


def test_a_damaged_file_is_rebuilt(tmp_path) -> None:
    library, cache = tmp_path / "library.db", tmp_path / "cache"
    title_index(TITLES, library, cache)
    (kept,) = cache.iterdir()
    kept.write_bytes(kept.read_bytes()[: kept.stat().st_size // 2])
    assert _answers(title_index(TITLES, library, cache)) == _answers(TitleIndex(TITLES))
    assert _answers(title_index(TITLES, library, cache)) == _answers(TitleIndex(TITLES))


def test_a_cache_that_cannot_be_written_only_costs_the_build(tmp_path) -> None:
    cache = tmp_path / "cache"  # a file where the folder should be
    cache.write_text("not a folder")
    index = title_index(TITLES, tmp_path / "library.db", cache)
    assert _answers(index) == _answers(TitleIndex(TITLES))


def test_no_titles(tmp_path, monkeypatch) -> None:
    library, cache = tmp_path / "library.db", tmp_path / "cache"
    assert title_index([], library, cache).filter("kim") == []
    _no_building(monkeypatch)
    assert title_index([], library, cache).filter("kim") == []


def test_the_index_of_a_library_gone_is_removed_when_another_is_built(tmp_path) -> None:
    cache = tmp_path / "cache"
    gone, kept = tmp_path / "gone.db", tmp_path / "kept.db"
    gone.touch()
    kept.touch()
    title_index(TITLES, gone, cache)
    title_index(TITLES, kept, cache)
    assert len(list(cache.iterdir())) == 2
    gone.unlink()
    title_index(TITLES[:2], tmp_path / "new.db", cache)
    assert len(list(cache.iterdir())) == 2  # kept's and new's
    (tmp_path / "new.db").touch()
    title_index(TITLES[:3], kept, cache)  # kept's rebuilt: new's stays, its library exists
    assert len(list(cache.iterdir())) == 2


def test_a_kept_file_damaged_past_its_digest_reads_the_titles_again(tmp_path) -> None:
    import numpy as np

    library, cache = tmp_path / "library.db", tmp_path / "cache"
    title_index(TITLES, library, cache)
    (kept,) = cache.iterdir()
    with np.load(kept) as parts:
        damaged = {name: parts[name] for name in parts.files}
    damaged["positions"] = damaged["positions"][:, :-1]  # one title short, the digest intact
    with open(kept, "wb") as out:
        np.savez(out, **damaged)
    reads: list[int] = []
    assert _answers(title_index(TITLES, library, cache, reads)) == _answers(TitleIndex(TITLES))
    assert len(reads) == 2
    reads.clear()
    assert _answers(title_index(TITLES, library, cache, reads)) == _answers(TitleIndex(TITLES))
    assert len(reads) == 1  # kept again, whole
