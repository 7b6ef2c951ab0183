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
