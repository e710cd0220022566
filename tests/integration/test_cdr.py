"""SIM-bank detection end to end on a small simulated network (bench/cdr/generate.py)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
import typer
from typer.testing import CliRunner

from concord.batch.cdr import CdrFormatError, FlaggedSim, analyse_cdrs, to_indicators
from concord.cli.cdr import cdr_app
from factories.bench_scripts import load_bench_script

generator = load_bench_script("cdr_generate", "cdr/generate.py")


def _feature(sim: FlaggedSim, name: str) -> float:
    value = sim.features[name]
    assert value is not None
    return value


def _network(out: Path, evasion: str, fmt: str = "parquet") -> tuple[Path, dict[str, Any]]:
    truth = generator.generate(
        out,
        subscribers=200,
        bank_sizes=[8, 16, 32],
        evasion=generator.parse_evasion(evasion),
        seed=11,
        fmt=fmt,
    )
    return out / truth["file"], truth


@pytest.mark.parametrize("evasion", ["none", "all"])
def test_banks_are_flagged_and_ordinary_subscribers_are_not(tmp_path: Path, evasion: str) -> None:
    path, truth = _network(tmp_path, evasion)
    messages: list[str] = []
    report = analyse_cdrs(path, progress=messages.append)

    flagged = {s.imsi for s in report.flagged_sims}
    banks = set(truth["bank_imsis"])
    assert len(banks) == 56
    assert len(flagged & banks) / len(banks) >= 0.9
    assert flagged - banks == set(), "ordinary subscribers flagged"

    devices = {d.imei for d in report.flagged_devices}
    bank_devices = set(truth["bank_imeis"])
    assert len(devices & bank_devices) / len(bank_devices) >= 0.9
    assert devices <= bank_devices

    assert report.rows_read == truth["rows"]
    assert report.subscribers == 200 + 56
    assert report.days == 1
    assert messages[-1].startswith("done:")
    top = report.flagged_sims[0]
    assert top.score >= report.flagged_sims[-1].score
    assert top.imeis and top.msisdn.startswith("+79")
    assert any("distinct numbers" in reason for reason in top.reasons)
    assert _feature(top, "outgoing_calls") >= 40


def test_evasion_lowers_scores_but_not_below_the_flag(tmp_path: Path) -> None:
    plain = analyse_cdrs(_network(tmp_path / "plain", "none")[0])
    evasive = analyse_cdrs(_network(tmp_path / "evasive", "all")[0])
    mean = [sum(s.score for s in r.flagged_sims) / len(r.flagged_sims) for r in (plain, evasive)]
    assert mean[1] < mean[0]
    # Rotation spreads each SIM over several devices; movement over several cells.
    assert max(_feature(s, "imeis") for s in evasive.flagged_sims) > 1
    assert min(_feature(s, "distinct_cells") for s in evasive.flagged_sims) > 1
    assert max(_feature(s, "imeis") for s in plain.flagged_sims) == 1


def test_csv_and_parquet_give_the_same_flags(tmp_path: Path) -> None:
    parquet, _ = _network(tmp_path / "pq", "mixed")
    csv_path, _ = _network(tmp_path / "csv", "mixed", fmt="csv")
    from_parquet = analyse_cdrs(parquet)
    from_csv = analyse_cdrs(csv_path)
    assert from_csv.rows_read == from_parquet.rows_read
    assert [(s.imsi, s.score) for s in from_csv.flagged_sims] == [
        (s.imsi, s.score) for s in from_parquet.flagged_sims
    ]


def test_a_directory_of_parquet_files_is_one_input(tmp_path: Path) -> None:
    path, truth = _network(tmp_path / "net", "none")
    table = pq.read_table(path)
    parts = tmp_path / "export"
    (parts / "day=2026-11-20").mkdir(parents=True)
    half = table.num_rows // 2
    pq.write_table(table.slice(0, half), parts / "day=2026-11-20" / "a.parquet")
    pq.write_table(table.slice(half), parts / "day=2026-11-20" / "b.parquet")
    report = analyse_cdrs(parts)
    assert report.rows_read == truth["rows"]
    assert {s.imsi for s in report.flagged_sims} == set(truth["bank_imsis"])


def test_indicators_cover_flagged_sims_numbers_and_devices(tmp_path: Path) -> None:
    report = analyse_cdrs(_network(tmp_path, "none")[0])
    indicators = to_indicators(report)
    by_kind: dict[str, set[str]] = {}
    for indicator in indicators:
        assert set(indicator) == {"kind", "value", "confidence", "reasons"}
        assert 0 < indicator["confidence"] <= 1
        assert indicator["reasons"]
        by_kind.setdefault(indicator["kind"], set()).add(indicator["value"])
    assert by_kind["imsi"] == {s.imsi for s in report.flagged_sims}
    assert by_kind["phone"] == {s.msisdn for s in report.flagged_sims}
    assert by_kind["imei"] == {d.imei for d in report.flagged_devices}
    assert len(indicators) == sum(len(values) for values in by_kind.values())


def test_missing_columns_are_named(tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["start_time", "event_type", "direction", "imsi", "msisdn", "other_party"])
        writer.writerow(["2026-11-20 10:00:00", "voice", "mo", "250011", "+7900", "+7901"])
    with pytest.raises(CdrFormatError) as error:
        analyse_cdrs(path)
    assert "imei, cell_id, duration_s" in str(error.value)
    assert isinstance(error.value, ValueError)


def test_unreadable_values_and_unknown_suffix_are_format_errors(tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    header = "start_time,event_type,direction,imsi,imei,msisdn,other_party,cell_id,duration_s"
    path.write_text(f"{header}\nyesterday,voice,mo,1,2,+7900,+7901,c1,12\n")
    with pytest.raises(CdrFormatError, match="bad value"):
        analyse_cdrs(path)
    other = tmp_path / "calls.xlsx"
    other.write_text("x")
    with pytest.raises(CdrFormatError, match=r"expected a \.csv or \.parquet file"):
        analyse_cdrs(other)


def _app() -> typer.Typer:
    app = typer.Typer()
    app.add_typer(cdr_app, name="cdr")
    return app


def test_cli_shows_tables_and_writes_json(tmp_path: Path) -> None:
    path, truth = _network(tmp_path / "net", "all")
    out = tmp_path / "flagged.json"
    result = CliRunner().invoke(_app(), ["cdr", "analyse", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Flagged SIMs (56)" in result.output
    assert "Flagged devices" in result.output
    written = json.loads(out.read_text())
    assert {s["imsi"] for s in written["flagged_sims"]} == set(truth["bank_imsis"])
    assert {i["kind"] for i in written["indicators"]} == {"imsi", "phone", "imei"}


def test_cli_json_output_and_bad_file(tmp_path: Path) -> None:
    path, truth = _network(tmp_path / "net", "none")
    runner = CliRunner()
    result = runner.invoke(_app(), ["cdr", "analyse", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["flagged_sims"]) == len(truth["bank_imsis"])

    bad = tmp_path / "bad.csv"
    bad.write_text("imsi,imei\n1,2\n")
    result = runner.invoke(_app(), ["cdr", "analyse", str(bad)])
    assert result.exit_code == 2
    assert "missing column(s)" in result.output
    assert "start_time" in result.output


@pytest.mark.spark
def test_spark_engine_gives_the_same_flags_as_duckdb(tmp_path: Path) -> None:
    pytest.importorskip("pyspark")
    path, _ = _network(tmp_path, "mixed", fmt="csv")
    duck = analyse_cdrs(path)
    spark = analyse_cdrs(path, engine="spark", threads=2)
    assert (spark.rows_read, spark.subscribers, spark.devices, spark.days) == (
        duck.rows_read,
        duck.subscribers,
        duck.devices,
        duck.days,
    )
    assert [(s.imsi, s.score, s.imeis, s.reasons) for s in spark.flagged_sims] == [
        (s.imsi, s.score, s.imeis, s.reasons) for s in duck.flagged_sims
    ]
    assert [(d.imei, d.score) for d in spark.flagged_devices] == [
        (d.imei, d.score) for d in duck.flagged_devices
    ]


def test_unknown_engine_is_refused(tmp_path: Path) -> None:
    path, _ = _network(tmp_path, "none")
    with pytest.raises(ValueError, match="unknown engine"):
        analyse_cdrs(path, engine="oracle")
