"""The data the project ships is what its own commands make."""

from pathlib import Path

from sakip_analysis.cli import main

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "data" / "raw" / "demo"


def test_bundled_demo_is_the_generator_output(tmp_path):
    assert main(["-q", "demo", "-o", str(tmp_path)]) == 0
    shipped = sorted(p.relative_to(DEMO) for p in DEMO.rglob("*") if p.is_file())
    made = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert shipped == made
    assert len([p for p in made if p.suffix in (".txt", ".docx")]) == 20 * 3
    for rel in made:
        assert (DEMO / rel).read_bytes() == (tmp_path / rel).read_bytes(), rel


def test_no_synthetic_jogoroto_in_the_bundled_demo():
    assert not list(DEMO.rglob("jogoroto.*"))
