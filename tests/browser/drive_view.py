#!/usr/bin/env python3
"""Opens the page a reconciliation client opens for a candidate (the
manifest's "view" URL with the entity's id in it) in headless Chromium, the
way OpenRefine's link does, and checks that the page shows that entity:
its id, its caption in the title, its properties and sanctions.

usage: drive_view.py MANIFEST_URL OUT_DIR ID EXPECT_IN_CAPTION
Exits 0 when the page shows the entity, 1 with the reason otherwise.
"""
import json
import os
import sys
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from drive import Browser, find_chromium  # noqa: E402


def show(page, url, entity_id, expect, out_dir):
    page.call("Page.navigate", url=url)
    page.wait_state(["entity-done", "error"])
    shown = page.js("({title: document.getElementById('entity-title').textContent,"
                    " id: (document.querySelector('#entity tbody tr td') || {}).textContent,"
                    " text: document.getElementById('entity').textContent.slice(0, 200),"
                    " rows: document.querySelectorAll('#entity tbody tr').length,"
                    " sanctions: document.querySelectorAll('#sanctions li').length,"
                    " state: document.body.dataset.state})")
    print("view %s: %s" % (url, shown))
    page.screenshot(os.path.join(out_dir, "view.png"))
    if shown["state"] != "entity-done" or shown["id"] != entity_id:
        raise RuntimeError("the view shows %r, not entity %s" % (shown, entity_id))
    if expect.lower() not in shown["title"].lower() or shown["rows"] < 4 or not shown["sanctions"]:
        raise RuntimeError("the view lacks the caption, properties or sanctions: %s" % shown)


def main():
    if len(sys.argv) != 5:
        print(__doc__)
        return 2
    manifest_url, out_dir, entity_id, expect = sys.argv[1:]
    chromium = find_chromium()
    if not chromium:
        print("FAIL: chromium is not installed (apt-get install chromium; `make deps` does it)")
        return 1
    os.makedirs(out_dir, exist_ok=True)
    with urllib.request.urlopen(manifest_url, timeout=30) as r:
        template = json.load(r)["view"]["url"]
    try:
        with Browser(chromium) as page:
            show(page, template.replace("{{id}}", entity_id), entity_id, expect, out_dir)
    except Exception as e:  # the reason is the test's output
        print("FAIL:", e)
        return 1
    print("the view URL opens the page on", entity_id)
    return 0


if __name__ == "__main__":
    sys.exit(main())
