"""The environment stays small: camel-tools' utilities without torch or transformers."""

import importlib.util


def test_no_torch_or_transformers_installed():
    assert importlib.util.find_spec("torch") is None
    assert importlib.util.find_spec("transformers") is None


def test_camel_tools_utilities_import():
    from camel_tools.tokenizers.word import simple_word_tokenize
    from camel_tools.utils.dediac import dediac_ar

    assert dediac_ar("شَهِيدٌ") == "شهيد"
    assert simple_word_tokenize("قال، نعم") == ["قال", "،", "نعم"]


def test_install_check_accepts_camel_tools_left_out_dependencies_only():
    import runpy
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "scripts" / "check_install.py"
    problems = runpy.run_path(str(script))["unexpected_problems"]
    assert problems("camel-tools 1.6.0 requires torch>=2.0, which is not installed.\n"
                    "camel-tools 1.6.0 requires transformers>=4.44.0, which is not installed.\n") == []
    assert problems("No broken requirements found.\n") == []
    real = ("camel-tools 1.6.0 requires torch>=2.0, which is not installed.\n"
            "pandas 2.2.0 has requirement numpy>=1.26, but you have numpy 1.24.0.\n"
            "camel-tools 1.6.0 has requirement regex>=2023, but you have regex 2022.1.\n")
    assert problems(real) == ["pandas 2.2.0 has requirement numpy>=1.26, but you have numpy 1.24.0.",
                              "camel-tools 1.6.0 has requirement regex>=2023, but you have regex 2022.1."]
    assert subprocess.run([sys.executable, str(script)]).returncode == 0  # this environment
