#!/usr/bin/python3
"""tpp serve's page in a real headless Chromium driven by Selenium (Debian's chromium,
chromium-driver, python3-selenium): type an H20's figures and see "not controlled", raise fp8
past 300 TOPS and see 3A090.b.1, the chip marked on the map, the licence answer for China; no
console message at any point. The screenshot is kept in WORK_DIR and, with --docs FILE, written
there too (the README's picture). usage: check_page.py TPP CHROMEDRIVER WORK_DIR [--docs FILE]"""
import pathlib
import shutil
import signal
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from server import Server  # noqa: E402

signal.alarm(240)  # never hang
tpp, chromedriver, work = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
docs = pathlib.Path(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[4] == "--docs" else None
work.mkdir(parents=True, exist_ok=True)
failures = []


def check(ok, what):
    print(("ok: " if ok else "FAIL: ") + what)
    if not ok:
        failures.append(what)


options = webdriver.ChromeOptions()
for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--window-size=1400,1900", "--no-proxy-server", "--disable-background-networking",
            f"--user-data-dir={work / 'profile'}"):
    options.add_argument(arg)
options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})

with Server(tpp) as server:
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    try:
        driver.set_page_load_timeout(30)
        wait = WebDriverWait(driver, 20)
        driver.get(server.url("/"))
        wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "true")
        presets = [o.get_attribute("value") for o in
                   Select(driver.find_element(By.ID, "preset")).options]
        check("h20" in presets and len(presets) > 20, f"the bundled chips are presets ({len(presets)})")

        def result_text():
            found = driver.find_elements(By.ID, "result")
            return found[0].text if found else ""

        # Every input has a label a screen reader reads.
        unlabeled = driver.execute_script(
            "return [...document.querySelectorAll('input, select')].filter(e => !e.labels || "
            "e.labels.length === 0).map(e => e.id)")
        check(not unlabeled, f"every input has a label {unlabeled}")

        # An H20 typed by hand, as a user would: keyboard only.
        driver.find_element(By.ID, "as-of").send_keys("11222026")  # the date input: mm dd yyyy
        fields = {"name": "H20 typed", "tops-fp8": "296", "area": "814", "memory": "4000"}
        for field, value in fields.items():
            element = driver.find_element(By.ID, field)
            element.clear()
            element.send_keys(value)
        wait.until(lambda d: "not controlled" in result_text())
        check("not controlled" in result_text(), f"H20's figures: '{result_text()}'")
        check("TPP 2,368" in driver.find_element(By.ID, "verdict").text, "TPP 2,368 shown")
        wait.until(lambda d: "To China" in d.find_element(By.ID, "licence").text)
        check("licence" in driver.find_element(By.ID, "licence-answer").text,
              f"licence answer for China: {driver.find_element(By.ID, 'licence-answer').text}")

        fp8 = driver.find_element(By.ID, "tops-fp8")
        fp8.send_keys(Keys.CONTROL, "a")
        fp8.send_keys("301")
        wait.until(lambda d: "3A090.b.1" in result_text())
        check("3A090.b.1" in result_text(), f"fp8 raised to 301 TOPS: '{result_text()}'")
        check("TPP 2,408" in driver.find_element(By.ID, "verdict").text, "TPP 2,408 shown")
        marked = driver.find_elements(By.CSS_SELECTOR, '#map circle[data-id="your chip"]')
        check(len(marked) == 1 and marked[0].get_attribute("data-result") == "3A090.b.1",
              "the chip is a marked point on the map, in 3A090.b.1")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#map circle.chip")) > 20,
              "among the bundled chips")
        check("3A090.b.1" in driver.find_element(By.ID, "explain").text, "the reasoning is shown")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#timeline tr")) > 3, "the timeline is shown")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#headroom tr")) > 2, "the headroom is shown")

        # Sparsity: 602 printed with 2:4 sparsity is 301 dense, the same answer.
        fp8.send_keys(Keys.CONTROL, "a")
        fp8.send_keys("602")
        driver.find_element(By.ID, "sparse").send_keys(Keys.SPACE)  # the keyboard toggles it
        wait.until(lambda d: "TPP 2,408" in d.find_element(By.ID, "verdict").text)
        check("3A090.b.1" in result_text(), "602 sparse = 301 dense: 3A090.b.1")

        # A bad figure is said on the page, not sent.
        fp8.send_keys(Keys.CONTROL, "a")
        fp8.send_keys("lots")
        wait.until(lambda d: d.find_element(By.ID, "error").text != "")
        check(fp8.get_attribute("aria-invalid") == "true", "a bad figure is marked invalid")
        fp8.send_keys(Keys.CONTROL, "a")
        fp8.send_keys("602")
        wait.until(lambda d: d.find_element(By.ID, "error").text == "")

        # A preset: the bundled H20, then its fp8 raised past 300 TOPS.
        Select(driver.find_element(By.ID, "preset")).select_by_value("h20")
        wait.until(lambda d: d.find_element(By.ID, "tops-fp8").get_attribute("value") == "296")
        wait.until(lambda d: "NVIDIA H20" in d.find_element(By.ID, "verdict").text)
        check("not controlled" in result_text(), "preset H20: not controlled")
        check("secondary" in driver.find_element(By.ID, "arithmetic").text,
              "the preset's sources are shown")
        fp8 = driver.find_element(By.ID, "tops-fp8")
        fp8.send_keys(Keys.CONTROL, "a")
        fp8.send_keys("301")
        wait.until(lambda d: "3A090.b.1" in result_text())
        check("3A090.b.1" in result_text(), "preset H20 with fp8 301: 3A090.b.1")

        driver.execute_script("window.scrollTo(0, 0)")
        shot = work / "serve-page.png"
        driver.save_screenshot(str(shot))
        check(shot.stat().st_size > 50000, f"screenshot {shot} ({shot.stat().st_size} bytes)")
        if docs:
            shutil.copyfile(shot, docs)
            print(f"screenshot copied to {docs}")
        logs = driver.get_log("browser")
        check(not logs, f"no console messages: {logs}")
    finally:
        driver.quit()
    server.stop()

if failures:
    print(f"{len(failures)} failures")
    sys.exit(1)
print("serve page: all checks passed")
