"""Generates demo-city.geojson: one fictional district, 4 streets, 10 communities, 50 unit grids.

Regenerate: cd definitions/geography && python3 make_demo_city.py
- District code 330196 (明湖区) is fictional: Hangzhou's prefecture prefix 3301 with an unassigned county number.
- Grids are 0.001° lon x 0.0009° lat (about 96 m x 100 m = 9,600 m², a 万米单元网格, DOMAIN.md §3) on an exact
  lattice south-west origin lon 120.150, lat 30.270 (WGS84), so neighbours share identical edges (seamless tiling).
- Codes: 6 district + 3 street + 3 community + 3 grid sequence (15 digits, DOMAIN.md §3). Grid sequence runs
  row by row from the south-west corner of each community.
"""
import json

DISTRICT = ("330196", "明湖区")
LON0, LAT0, DLON, DLAT = 120150000, 30270000, 1000, 900  # micro-degrees
COLS, ROWS = 10, 5
# street: (code, name, first col, last col, [(community code, name, first row, last row)])
STREETS = [
    ("001", "明湖街道", 0, 2, [("001", "湖滨社区", 0, 1), ("002", "柳岸社区", 2, 2), ("003", "望湖社区", 3, 4)]),
    ("002", "桂园街道", 3, 4, [("001", "桂花社区", 0, 2), ("002", "金桂社区", 3, 4)]),
    ("003", "竹里街道", 5, 7, [("001", "竹林社区", 0, 1), ("002", "翠竹社区", 2, 4)]),
    ("004", "澄江街道", 8, 9, [("001", "江南社区", 0, 1), ("002", "澄心社区", 2, 3), ("003", "沙洲社区", 4, 4)]),
]


def deg(micro):
    return round(micro / 1_000_000, 6)


def rect(c0, c1, r0, r1):
    """Polygon covering lattice columns c0..c1 and rows r0..r1 (inclusive), counter-clockwise."""
    w, e = LON0 + c0 * DLON, LON0 + (c1 + 1) * DLON
    s, n = LAT0 + r0 * DLAT, LAT0 + (r1 + 1) * DLAT
    ring = [(w, s), (e, s), (e, n), (w, n), (w, s)]
    return {"type": "Polygon", "coordinates": [[[deg(x), deg(y)] for x, y in ring]]}


def feature(code, name, level, parent, geometry, extra=None):
    props = {"code": code, "name": name, "level": level, "parent": parent}
    props.update(extra or {})
    return {"type": "Feature", "properties": props, "geometry": geometry}


features = [feature(DISTRICT[0], DISTRICT[1], "district", None, rect(0, COLS - 1, 0, ROWS - 1))]
for s_code, s_name, c0, c1, communities in STREETS:
    street = DISTRICT[0] + s_code
    features.append(feature(street, s_name, "street", DISTRICT[0], rect(c0, c1, 0, ROWS - 1)))
    for m_code, m_name, r0, r1 in communities:
        community = street + m_code
        features.append(feature(community, m_name, "community", street, rect(c0, c1, r0, r1)))
        seq = 0
        for row in range(r0, r1 + 1):
            for col in range(c0, c1 + 1):
                seq += 1
                features.append(feature(f"{community}{seq:03d}", f"{m_name}第{seq}网格", "grid", community,
                                        rect(col, col, row, row), {"col": col, "row": row}))

# One feature per line keeps diffs readable.
with open("demo-city.geojson", "w", encoding="utf-8") as f:
    f.write('{"type": "FeatureCollection", "name": "demo-city", "features": [\n')
    f.write(",\n".join(json.dumps(x, ensure_ascii=False) for x in features))
    f.write("\n]}\n")
print(sum(1 for x in features if x["properties"]["level"] == "grid"), "grids")
