"""Recording reviewed verdicts: `claims --record` writes the computed verdicts into each
article's registry, changing nothing else, after which `claims --check` passes again."""

from pathlib import Path

from analysis import claims
from analysis.load.datasets import load
from tests.conftest import add_article, run_cli, value_claim

REGISTRY = Path("articles") / "dailynk-2018-01" / "claims.toml"
UNRECORDED = (
    value_claim("second-arrivals-2016", "Arrivals were 1,418 in 2016.", 1418, "2016")
    + "\n# a comment that stays where it is\n"
    + value_claim("second-arrivals-2017", "Arrivals were 1,418 in 2016.", 1127, "2017")
)


def test_a_correction_is_recorded_after_review(data_copy: Path) -> None:
    """A stated value corrected in a copy (the article's 1,275 for 2015 read as 1,276):
    the check fails naming the claim, the record writes exactly its `recorded` line, and
    the check passes."""
    before = (data_copy / REGISTRY).read_text(encoding="utf-8")
    assert before.count("stated = 1275\n") == 1
    (data_copy / REGISTRY).write_text(
        before.replace("stated = 1275\n", "stated = 1276\n"), encoding="utf-8"
    )
    before = (data_copy / REGISTRY).read_text(encoding="utf-8")
    failing = run_cli("claims", "--check", data_dir=data_copy)
    assert failing.returncode == 1 and "arrivals-2015 [article]" in failing.stderr
    every = claims.load_registries(load(data_copy))
    total = sum(len(r.claims) for r in every)
    articles = f"{len(every)} article" + ("s" if len(every) > 1 else "")
    assert f"{total - 1} of {total} claims in {articles}" in failing.stdout
    recorded = run_cli("claims", "--record", data_dir=data_copy)
    assert recorded.returncode == 0, recorded.stderr
    changed = [
        line
        for line in recorded.stdout.splitlines()
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert changed and all("recorded = " in line for line in changed)
    after = (data_copy / REGISTRY).read_text(encoding="utf-8")
    assert len(after.splitlines()) == len(before.splitlines())
    differing = [a for a, b in zip(after.splitlines(), before.splitlines(), strict=True) if a != b]
    assert len(differing) == len(changed) // 2
    assert run_cli("claims", "--check", data_dir=data_copy).returncode == 0
    again = run_cli("claims", "--record", data_dir=data_copy)
    assert again.stdout == "every recorded verdict is already the computed one\n"


def test_a_new_claim_needs_no_recorded_verdict_until_it_is_recorded(data_copy: Path) -> None:
    folder = add_article(
        data_copy, "second", "2018-02-01", "Arrivals were 1,418 in 2016.", UNRECORDED
    )
    failing = run_cli("claims", "--check", data_dir=data_copy)
    assert failing.returncode == 1
    assert (
        "second-arrivals-2016 [article]: not yet recorded, computed reproduced_exactly"
        in failing.stderr
    )
    assert run_cli("claims", "--record", data_dir=data_copy).returncode == 0
    text = (folder / "claims.toml").read_text(encoding="utf-8")
    assert text.count("recorded = {") == 2
    assert '\nargs = { period = "2016", field = "total" }\nrecorded = {' in text
    assert "\n# a comment that stays where it is\n[[claim]]" in text
    registry = {r.article.id: r for r in claims.load_registries(load(data_copy))}["second"]
    assert registry.get("second-arrivals-2017").recorded == {
        "article": "reproduced_exactly",
        "latest": "reproduced_exactly",
    }
    assert run_cli("claims", "--check", data_dir=data_copy).returncode == 0
