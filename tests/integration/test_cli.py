"""The command line on a real SQLite file: demo data, import, audit verification."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from concord.cli.main import app

runner = CliRunner()


def _demo(tmp_path: Path) -> Path:
    db = tmp_path / "demo.sqlite3"
    result = runner.invoke(app, ["demo", "--path", str(db), "--people", "20", "--no-serve"])
    assert result.exit_code == 0, result.output
    return db


def test_demo_then_audit_verify_detects_tampering(tmp_path: Path) -> None:
    db = _demo(tmp_path)
    url = f"sqlite:///{db}"
    ok = runner.invoke(app, ["audit", "verify", "--database-url", url])
    assert ok.exit_code == 0, ok.output
    assert "intact" in ok.output
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET action = 'nothing.happened' WHERE seq = 5")
    bad = runner.invoke(app, ["audit", "verify", "--database-url", url])
    assert bad.exit_code == 1
    assert "tampered" in bad.output


def test_import_reports_bad_line_and_keeps_earlier_batches(tmp_path: Path) -> None:
    db = _demo(tmp_path)
    url = f"sqlite:///{db}"
    lines = [
        json.dumps({"id": f"q{i}", "names": [f"Али Кая {i}"], "birth_date": "1970"})
        for i in range(4)
    ]
    lines.append(json.dumps({"id": "bad", "names": ["X"], "birth_date": "1970-13"}))
    src = tmp_path / "people.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with sqlite3.connect(db) as conn:
        before = conn.execute("SELECT count(*) FROM persons").fetchone()[0]
    result = runner.invoke(
        app, ["import", str(src), "--as", "ankara.officer", "--database-url", url, "--batch", "2"]
    )
    assert result.exit_code == 2
    assert "line 5" in result.output and "4 persons imported" in result.output
    with sqlite3.connect(db) as conn:
        after = conn.execute("SELECT count(*) FROM persons").fetchone()[0]
    assert after == before + 4


def test_screen_a_file_against_the_database(tmp_path: Path) -> None:
    db = _demo(tmp_path)
    queries = tmp_path / "national.jsonl"
    queries.write_text(
        json.dumps({"id": "q1", "names": ["Kim Jong Yang"], "birth_date": "1961-10-30"})
        + "\n"
        + json.dumps({"id": "q2", "names": ["Nobody Atall"], "birth_date": "1999-01-01"})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "matches.jsonl"
    result = runner.invoke(
        app,
        [
            "screen",
            "--queries",
            str(queries),
            "--out",
            str(out),
            "--as",
            "astana.officer",
            "--database-url",
            f"sqlite:///{db}",
        ],
    )
    assert result.exit_code == 0, result.output
    matches = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, names FROM persons").fetchall()
        kim = next(pid for pid, names in rows if json.loads(names)[0]["full"] == "Ким Чен Ян")
        exported = conn.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'person.batch_export'"
        ).fetchone()[0]
    assert [m["record_id"] for m in matches if m["query_id"] == "q1"][:1] == [kim]
    assert not [m for m in matches if m["query_id"] == "q2"]
    assert exported == 1


def test_screen_reports_a_bad_line_and_writes_no_matches(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text(
        json.dumps({"id": "r1", "names": ["Anna Berg"]}) + "\n" + '{"id": "r2", "names": \n',
        encoding="utf-8",
    )
    queries = tmp_path / "queries.jsonl"
    queries.write_text(json.dumps({"id": "q1", "names": ["Anna Berg"]}) + "\n", encoding="utf-8")
    out = tmp_path / "matches.jsonl"
    result = runner.invoke(
        app,
        ["screen", "--records", str(records), "--queries", str(queries), "--out", str(out)],
    )
    assert result.exit_code == 2
    assert "records.jsonl, line 2" in result.output
    assert not out.exists() and not list(tmp_path.glob("*.part"))


def test_the_operator_unlocks_a_locked_user(tmp_path: Path) -> None:
    db = _demo(tmp_path)
    url = f"sqlite:///{db}"
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE users SET locked_until = '2999-01-01 00:00:00', failed_logins = 0 "
            "WHERE username = 'astana.officer'"
        )
    result = runner.invoke(app, ["users", "unlock", "astana.officer", "--database-url", url])
    assert result.exit_code == 0, result.output
    assert "unlocked" in result.output
    with sqlite3.connect(db) as conn:
        (locked,) = conn.execute(
            "SELECT locked_until FROM users WHERE username = 'astana.officer'"
        ).fetchone()
        (audited,) = conn.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'user.unlock'"
        ).fetchone()
    assert locked is None and audited == 1
    again = runner.invoke(app, ["users", "unlock", "astana.officer", "--database-url", url])
    assert again.exit_code == 0 and "was not locked" in again.output
    missing = runner.invoke(app, ["users", "unlock", "nobody", "--database-url", url])
    assert missing.exit_code == 2 and "No user 'nobody'" in missing.output
