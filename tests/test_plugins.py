"""Third-party exporters: a real distribution on the path, found through its entry points.

The plugin is a folder with a module and a ``*.dist-info`` holding METADATA and
``entry_points.txt``, exactly what ``pip install`` leaves behind; putting the
folder on PYTHONPATH makes ``importlib.metadata`` find it in the CLI's process.
"""

from __future__ import annotations

import os
import textwrap

import pytest

from _support import SAMPLES, run_cli

PLUGIN = '''
"""A third-party exporter: headings and title in capitals, one line each."""
from dataclasses import dataclass, field

from wikipress import plain_text, walk
from wikipress.exporters import make_options
from wikipress.nodes import Section


@dataclass(frozen=True)
class ShoutOptions:
    marks: int = field(default=1, metadata={"help": "exclamation marks after each line"})

    def __post_init__(self):
        if self.marks < 0:
            raise ValueError("marks must not be negative")


class ShoutExporter:
    name = "shout"
    extension = "shout"
    binary = False
    Options = ShoutOptions

    def export(self, document, **options):
        settings = make_options(self.Options, options)
        lines = [document.title_text or ""]
        lines += [plain_text(n.heading) for n in walk(document) if isinstance(n, Section)]
        return "".join(line.upper() + "!" * settings.marks + "\\n" for line in lines)


@dataclass(frozen=True)
class NoOptions:
    """No options."""


class ExplodingExporter:
    name = "explode"
    extension = "boom"
    binary = True
    Options = NoOptions

    def export(self, document, **options):
        raise RuntimeError("the plugin has a bug")


class NumberExporter:
    name = "number"
    extension = "num"
    binary = True
    Options = NoOptions

    def export(self, document, **options):
        return 42  # neither text nor bytes


class EscapingExporter(ShoutExporter):
    name = "escape"
    extension = "../../escaped"
'''

ENTRY_POINTS = """
[wikipress.exporters]
shout = shout_exporter:ShoutExporter
explode = shout_exporter:ExplodingExporter
number = shout_exporter:NumberExporter
yaml = shout_exporter:ShoutExporter
all = shout_exporter:ShoutExporter
escape = shout_exporter:EscapingExporter
broken = broken_exporter:BrokenExporter
shapeless = shout_exporter:NoOptions
"""


@pytest.fixture
def plugin_env(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    (site / "shout_exporter.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    (site / "broken_exporter.py").write_text("import a_module_that_does_not_exist\n",
                                             encoding="utf-8")
    info = site / "wikipress_shout-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: wikipress-shout\nVersion: 1.0\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text(ENTRY_POINTS, encoding="utf-8")
    return {**os.environ, "PYTHONPATH": str(site)}


def test_formats_lists_the_plugin_and_names_the_broken_ones(plugin_env):
    result = run_cli("formats", env=plugin_env)
    stdout, stderr = result.stdout.decode(), result.stderr.decode()
    assert result.returncode == 1  # something is broken, and says so
    assert "shout      .shout  text    shout_exporter:ShoutExporter" in stdout
    assert "-O marks=1" in stdout and "exclamation marks" in stdout
    assert "yaml" in stdout and "markup" in stdout  # the others still work
    assert "format 'broken' (broken_exporter:BrokenExporter) failed to load: " \
           "ModuleNotFoundError" in stderr
    assert "format 'shapeless' (shout_exporter:NoOptions) is not a valid exporter" in stderr


def test_convert_through_the_plugin(plugin_env, tmp_path):
    result = run_cli("convert", str(SAMPLES / "mangaize-attack.txt"), "-t", "shout,yaml",
                     "-O", "marks=3", "-o", str(tmp_path), env=plugin_env)
    assert result.returncode == 0, result.stderr.decode()
    assert (tmp_path / "mangaize-attack.shout").read_text("utf-8") == (
        "MANGAÏZÉ ATTACK!!!\nBACKGROUND!!!\nATTACK!!!\nAFTERMATH!!!\n")
    assert (tmp_path / "mangaize-attack.yaml").is_file()


def test_plugin_option_values_are_checked(plugin_env, tmp_path):
    result = run_cli("convert", str(SAMPLES / "mangaize-attack.txt"), "-t", "shout",
                     "-O", "marks=-1", "-o", str(tmp_path), env=plugin_env)
    assert result.returncode == 2 and "marks must not be negative" in result.stderr.decode()


def test_all_skips_broken_plugins_by_name_and_converts_the_rest(plugin_env, tmp_path):
    result = run_cli("convert", str(SAMPLES / "mangaize-attack.txt"), "-t", "all",
                     "-o", str(tmp_path), env=plugin_env)
    stderr = result.stderr.decode()
    assert "wikipress: warning: format 'broken' (broken_exporter:BrokenExporter) failed to load: " \
           "ModuleNotFoundError" in stderr
    assert "wikipress: warning: format 'shapeless' (shout_exporter:NoOptions) is not a valid " \
           "exporter" in stderr
    warnings = [line for line in stderr.splitlines() if line.startswith("wikipress: warning: ")]
    assert len(warnings) > 2 and all(line.endswith("; --to all goes on without it") for line in warnings)
    also = run_cli("convert", str(SAMPLES / "mangaize-attack.txt"), "-t", "yaml,all",
                   "-o", str(tmp_path / "also"), env=plugin_env)
    assert also.returncode == 1 and also.stderr.decode() == stderr  # 'all' with another: the same
    for wrong in ("all,yamlx", "all,broken"):  # but a name that is no usable format is an error
        refused = run_cli("convert", str(SAMPLES / "mangaize-attack.txt"), "-t", wrong,
                          "-o", str(tmp_path / "wrong"), env=plugin_env)
        assert refused.returncode == 2 and not (tmp_path / "wrong").exists(), wrong
    # explode loads but fails when it runs: that input fails, with the plugin named
    assert result.returncode == 1
    assert "the explode exporter failed: RuntimeError: the plugin has a bug" in stderr


def test_asking_for_a_broken_plugin_is_a_usage_error(plugin_env, tmp_path):
    result = run_cli("convert", str(SAMPLES / "mangaize-attack.txt"), "-t", "broken",
                     "-o", str(tmp_path), env=plugin_env)
    assert result.returncode == 2
    assert "format 'broken' (broken_exporter:BrokenExporter) failed to load" in result.stderr.decode()
    assert list(tmp_path.iterdir()) == []


def test_an_input_whose_export_fails_leaves_no_output(plugin_env, tmp_path):
    result = run_cli("convert", str(SAMPLES / "mangaize-attack.txt"), "-t", "shout,explode",
                     "-o", str(tmp_path), env=plugin_env)
    assert result.returncode == 1
    assert list(tmp_path.iterdir()) == []  # an input that failed leaves no output at all
    again = run_cli("convert", str(SAMPLES / "mangaize-attack.txt"), "-t", "shout",
                    "-o", str(tmp_path), env=plugin_env)
    assert again.returncode == 0 and (tmp_path / "mangaize-attack.shout").is_file()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_exporter_that_returns_neither_text_nor_bytes_is_reported(plugin_env, tmp_path, jobs):
    """Once a traceback; with workers, the warm-up's error broke the whole pool."""
    inputs = [str(SAMPLES / name) for name in ("mangaize-attack.txt", "ada-lovelace.txt")]
    result = run_cli("convert", *inputs, "-t", "number", "-o", str(tmp_path), "-j", jobs,
                     env=plugin_env)
    stderr = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in stderr and "Broken" not in stderr
    assert stderr.count("the number exporter returned int, not text or bytes") == 2
    assert list(tmp_path.iterdir()) == []


def test_a_plugin_cannot_take_a_built_in_name_or_all_or_write_outside_the_folder(plugin_env, tmp_path):
    listing = run_cli("formats", env=plugin_env)
    stdout, stderr = listing.stdout.decode(), listing.stderr.decode()
    assert "format 'yaml' (shout_exporter:ShoutExporter) is ignored: " \
           "wikipress.exporters.to_yaml:YamlExporter already has that name" in stderr
    assert "'--to all' means every format" in stderr
    assert "its extension '../../escaped' is not a plain file extension" in stderr
    assert [line.split()[0] for line in stdout.splitlines()].count("yaml") == 1
    article = str(SAMPLES / "mangaize-attack.txt")
    converted = run_cli("convert", article, "-t", "yaml", "-o", str(tmp_path / "y"), env=plugin_env)
    assert converted.returncode == 0 and (tmp_path / "y" / "mangaize-attack.yaml").read_text(
        "utf-8").startswith("title: Mangaïzé attack")
    escaping = run_cli("convert", article, "-t", "escape", "-o", str(tmp_path / "e" / "f"),
                       env=plugin_env)
    assert escaping.returncode == 2 and "not a plain file extension" in escaping.stderr.decode()
    assert not (tmp_path / "e").exists() and not (tmp_path / "escaped").exists()

