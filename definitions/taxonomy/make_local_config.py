"""One-off generator for local-config.csv: default department, urgency and handling limit per matter code.

Defaults are local configuration, not part of GB/T 47678.5 (see /work/shared/domain/README.md). Rows whose source
cites DOMAIN.md §6 carry a sourced limit; the rest are CityOps defaults (marked as such) to be tuned per city.
Only matters (and local extension matters) carry case configuration: a component (asset) fault is reported as the
matter with the same code (01xxx–05xxx "<component> 异常"). Run: python3 make_local_config.py; afterwards edit the CSV.
"""
import csv, json

DEFAULT = "CityOps default (no source; tune locally)"
by_major = {"01": ("CITY-CGJ", "normal", 3, "working_days"), "02": ("CITY-TRANSPORT", "normal", 3, "working_days"),
            "03": ("D330196-SANITATION", "normal", 2, "working_days"), "04": ("CITY-GARDEN", "normal", 5, "working_days"),
            "05": ("CITY-HOUSING", "normal", 5, "working_days"), "06": ("CITY-CGJ", "normal", 3, "working_days"),
            "07": ("CITY-CGJ", "normal", 2, "working_days"), "08": ("CITY-HOUSING", "normal", 3, "working_days"),
            "09": ("CITY-CGJ", "normal", 1, "working_days"), "10": ("CITY-CGJ", "urgent", 1, "working_days"),
            "21": ("CITY-CENTER", "emergency", 2, "natural_hours")}

# Sourced limits (DOMAIN.md §6.2 / §6.3). Interpretations are noted in the source text.
sourced = {
    "01002": ("urgent", 2, "natural_hours", "DOMAIN.md §6.2 污水井盖丢失 handled within 2 h [P-Taiyuan]; read as natural hours"),
    "01037": ("normal", 1, "working_days", "DOMAIN.md §6.2 street lights out: fixed within 1 working day [P-Taiyuan]"),
    "06001": ("normal", 20, "working_days", "DOMAIN.md §6.2 私搭乱建 demolish 20 working days [P-district-std] (Jiyuan 违法搭建 15 working days)"),
    "06010": ("normal", 1, "working_days", "DOMAIN.md §6.2 暴露垃圾 1 working day [P-Jiyuan] (4 working hours on main roads [P-district-std])"),
    "06011": ("normal", 4, "working_days", "DOMAIN.md §6.2 积存垃圾渣土 4 working days [P-Jiyuan]"),
    "06012": ("normal", 5, "working_hours", "DOMAIN.md §6.2 道路不洁 5 working hours [P-Jiyuan]"),
    "06017": ("normal", 4, "working_hours", "DOMAIN.md §6.2 绿地保洁 4 working hours [P-district-std]"),
    "06025": ("normal", 15, "working_days", "DOMAIN.md §6.2 水域不洁 15 working days [P-Jiyuan]"),
    "06029": ("urgent", 2, "natural_hours", "DOMAIN.md §6.2 露天烧烤 finished within 2 h [P-Taiyuan]; read as natural hours (evening trade)"),
    "21002": ("emergency", 2, "natural_hours", "DOMAIN.md §6.3 sudden events endangering life or property: 2 h [P-12345-BJ] (UNCERTAIN)"),
    "21003": ("emergency", 2, "natural_hours", "DOMAIN.md §6.3 sudden events endangering life or property: 2 h [P-12345-BJ] (UNCERTAIN)"),
    "21001": ("emergency", 2, "natural_hours", "DOMAIN.md §6.3 sudden events endangering life or property: 2 h [P-12345-BJ] (UNCERTAIN)"),
    "21005": ("emergency", 2, "natural_hours", "DOMAIN.md §6.3 sudden events endangering life or property: 2 h [P-12345-BJ] (UNCERTAIN)"),
    "21004": ("urgent", 24, "natural_hours", "DOMAIN.md §6.3 water/power/gas/heating: 24 h [P-12345-BJ] (UNCERTAIN)"),
    "21006": ("urgent", 4, "working_hours", "DOMAIN.md §6.2 路面积水 4 working hours [P-district-std]"),
}

# Default department per code from the 权责清单 (first exact-code responsibility at area 'any', else the major default).
org = json.load(open("../organisation/departments.json", encoding="utf-8"))
dept_for = {}
for r in org["responsibilities"]:
    if r["area"] == "any":
        for c in r["codes"]:
            kind, code = c.split(":")
            if len(code) == 5:
                dept_for.setdefault(code, r["department"])

codes = [r["code"] for r in csv.DictReader(open("gbt47678-5-codes.csv", encoding="utf-8")) if r["kind"] == "matter"]
codes += [r["code"] for r in csv.DictReader(open("local-extensions.csv", encoding="utf-8")) if r["kind"] == "matter"]
with open("local-config.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["kind", "code", "department_code", "urgency", "limit_amount", "limit_unit", "source"])
    for code in codes:
        dept, urgency, amount, unit = by_major[code[:2]]
        source = DEFAULT
        if code in sourced:
            urgency, amount, unit, source = sourced[code]
        w.writerow(["matter", code, dept_for.get(code, dept), urgency, amount, unit, source])
