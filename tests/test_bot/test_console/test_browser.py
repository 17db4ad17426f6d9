"""The console in a real headless Chromium: `jingmin serve` on SQLite, an officer made with
`jingmin officer add`, a complaint sent through /wechat; then sign in, open the ticket, reply
and see the reply in the conversation. Screenshots go to the test's tmp dir."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pushes import open_reply, safe_push, text_xml

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
EXAMPLE = Path(__file__).parents[3] / "config.example.toml"
EXAMPLE_APP_ID = "wxjingmindev00001"
JINGMIN = Path(sys.executable).parent / "jingmin"
PASSWORD = "browser test 1"
COMPLAINT = "我要投诉：古楼街道柳园小区楼下工地每天晚上施工到十二点，噪音很大"
REPLY = "您好，社区民警今晚到现场查看，请保持电话畅通。"


def _browser_or_skip() -> None:
    if CHROMIUM.exists() and CHROMEDRIVER.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail("chromium and chromium-driver are missing and CI=true")
    pytest.skip("needs /usr/bin/chromium and /usr/bin/chromedriver")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """`jingmin serve` on a free port with SQLite in tmp_path, and one officer."""
    _browser_or_skip()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "JINGMIN_SERVER_PORT": str(port), "JINGMIN_SERVER_PUBLIC_URL": base,
           "JINGMIN_SERVER_DATA_DIR": str(tmp_path / "data"),
           "JINGMIN_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'jingmin.db'}",
           "JINGMIN_EXPORT_DIR": str(tmp_path / "exports"),
           "JINGMIN_WECHAT_API_BASE_URL": "local"}
    config = ["--config", str(EXAMPLE)]
    subprocess.run([JINGMIN, "db", "upgrade", *config], env=env, check=True, timeout=120,
                   capture_output=True)
    subprocess.run([JINGMIN, "officer", "add", "liwei", "--name", "李伟", "--unit",
                    "古楼派出所", "--role", "officer", *config], input=f"{PASSWORD}\n",
                   text=True, env=env, check=True, timeout=60, capture_output=True)
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen([JINGMIN, "serve", *config], env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError((tmp_path / "serve.log").read_text()) from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _complain(base: str) -> str:
    """Send the complaint as WeChat would (safe mode); the passive answer names the ticket."""
    params, body = safe_push(text_xml("o-browser-1", COMPLAINT), EXAMPLE_APP_ID)
    request = urllib.request.Request(f"{base}/wechat?{urllib.parse.urlencode(params)}",
                                     data=body.encode(), headers={"Content-Type": "text/xml"})
    with urllib.request.urlopen(request, timeout=15) as answer:
        return open_reply(answer.read().decode(), EXAMPLE_APP_ID, params)


@pytest.fixture
def browser(tmp_path: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--window-size=1280,1000",
                 f"--user-data-dir={tmp_path / 'chromium'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.implicitly_wait(5)
    try:
        yield driver
    finally:
        driver.quit()


def test_sign_in_open_ticket_and_reply(server: str, browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as until
    from selenium.webdriver.support.ui import WebDriverWait

    answer = _complain(server)
    assert "DCF" in answer, answer
    wait = WebDriverWait(browser, 10)

    browser.get(f"{server}/console/")
    assert browser.current_url.endswith("/console/login")
    browser.find_element(By.NAME, "username").send_keys("liwei")
    browser.find_element(By.NAME, "password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait.until(until.presence_of_element_located((By.CSS_SELECTOR, ".who")))
    assert "李伟" in browser.find_element(By.CSS_SELECTOR, ".who").text

    browser.get(f"{server}/console/queue/unit")
    browser.find_element(By.CSS_SELECTOR, "a[href*='/console/tickets/']").click()
    wait.until(until.presence_of_element_located((By.CSS_SELECTOR, "ol.thread")))
    thread = browser.find_element(By.CSS_SELECTOR, "ol.thread").text
    assert "噪音很大" in thread
    browser.save_screenshot(str(tmp_path / "console-ticket.png"))

    browser.find_element(By.ID, "reply-text").send_keys(REPLY)
    browser.find_element(By.CSS_SELECTOR, "form.reply button[type=submit]").click()
    wait.until(until.text_to_be_present_in_element((By.CSS_SELECTOR, ".flash"), "已回复"))
    officer_messages = browser.find_elements(By.CSS_SELECTOR, "ol.thread li.msg.officer")
    assert any(REPLY in item.text for item in officer_messages)
    browser.save_screenshot(str(tmp_path / "console-replied.png"))

    browser.set_window_size(390, 844)      # a phone
    browser.get(f"{server}/console/queue/unit")
    browser.save_screenshot(str(tmp_path / "console-phone.png"))
    assert browser.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth + 1")
