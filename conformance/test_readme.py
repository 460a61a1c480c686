"""Every Python snippet in README.md runs, unchanged but for the server URL, against a fresh server."""
import os
import re

import pytest

README = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "README.md")
SNIPPETS = re.findall(r"```python\n(.*?)```", open(README, encoding="utf-8").read(), re.S)


def test_the_readme_has_one_snippet_per_vendor():
    assert len(SNIPPETS) == 3
    assert [("bkapi_component" in s, "huaweicloudsdkcoc" in s, "huaweicloudsdkosm" in s) for s in SNIPPETS] == [
        (True, False, False), (False, True, False), (False, False, True)]


@pytest.mark.parametrize("index", range(len(SNIPPETS)), ids=["bk_itsm", "huawei_coc", "huawei_osm"][: len(SNIPPETS)])
def test_readme_snippet_runs(fresh, index):
    code = SNIPPETS[index].replace("http://127.0.0.1:8080", fresh.url)
    exec(compile(code, f"README.md snippet {index + 1}", "exec"), {})
