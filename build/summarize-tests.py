"""Sums the TRX (.NET) and JUnit (web) files of one test run into the closing line CI reads:
'Tests: N passed, N failed, N skipped'."""
import pathlib
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
results = pathlib.Path(sys.argv[1])
mode = sys.argv[2] if len(sys.argv) > 2 else ""
passed = failed = skipped = 0
skipped_names = []
for trx in sorted(results.glob("*.trx")):
    root = ET.parse(trx).getroot()
    for result in root.iterfind(".//t:UnitTestResult", NS):
        outcome = result.get("outcome")
        if outcome == "Passed":
            passed += 1
        elif outcome == "NotExecuted":
            skipped += 1
            skipped_names.append(result.get("testName"))
        else:
            failed += 1
for junit in sorted(results.glob("*.xml")):
    for case in ET.parse(junit).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is not None:
            skipped += 1
            skipped_names.append(f"{junit.stem}: {case.get('name')}")
        else:
            passed += 1
print()
print(mode.strip())
if skipped_names:
    print(f"Skipped ({skipped}), not passed:")
    for name in skipped_names:
        print(f"  - {name}")
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
