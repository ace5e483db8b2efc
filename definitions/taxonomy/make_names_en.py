"""One-off generator for names-en.csv (CityOps' own English translation of GB/T 47678.5 names).

Run from this folder: python3 make_names_en.py. Edit names-en.csv directly afterwards if preferred;
the CSV, not this script, is what the engine loads.
"""
import csv

MAJORS = {
    ("component", "01"): "Municipal public utilities",
    ("component", "02"): "Traffic facilities",
    ("component", "03"): "City appearance and sanitation facilities",
    ("component", "04"): "Landscaping and greening facilities",
    ("component", "05"): "Other managed components",
    ("matter", "01"): "Municipal public utility faults",
    ("matter", "02"): "Traffic facility faults",
    ("matter", "03"): "Appearance and sanitation facility faults",
    ("matter", "04"): "Landscaping facility faults",
    ("matter", "05"): "Other component faults",
    ("matter", "06"): "City appearance and environment",
    ("matter", "07"): "Publicity and advertising",
    ("matter", "08"): "Construction management",
    ("matter", "09"): "Street order",
    ("matter", "10"): "Other matters",
}

COMPONENTS = """01001 Water supply manhole cover
01002 Sewage manhole cover
01003 Storm drain manhole cover
01004 Storm drain grate
01005 Power manhole cover
01006 Street lighting manhole cover
01007 Telecom manhole cover
01008 Cable TV manhole cover
01009 Network manhole cover
01010 District heating manhole cover
01011 Gas manhole cover
01012 Police manhole cover
01013 Fire-fighting facility
01014 Landscaping manhole cover
01015 Signal power manhole cover
01017 Cable manhole cover
01018 Septic tank manhole cover
01019 Reclaimed water manhole cover
01020 Public transport manhole cover
01021 Oil/gas pipeline manhole cover
01022 Special-purpose manhole cover
01023 Unidentified manhole cover
01024 Well
01025 Water dispenser
01026 Trench cover plate
01027 Telecom cross-connect cabinet
01028 Power facility
01029 Power facility sign
01030 Power pole
01031 Telecom pole
01032 Public transport pole
01033 Special-purpose pole
01034 Unidentified pole
01035 Flagpole
01036 Oil/gas pipeline marker
01037 Street light
01038 Ground light
01039 Landscape light
01040 Newspaper kiosk
01041 Telephone booth
01042 Post box
01043 Information kiosk
01044 Vending kiosk
01045 Vending machine
01046 Outdoor fitness equipment
01047 High-voltage pylon
01048 Transformer (box)
01049 Gas pressure regulating station (box)
01050 Surveillance camera facility
01051 Police sentry box
01052 Rest pavilion
01053 Self-service payment machine
01054 Charging pile
01055 Mosquito-proof drain valve
01056 River-crossing pipeline
01057 Exposed gas pipeline
01058 Clothes-drying rack
01059 Used-clothing recycling bin
01060 Street lighting distribution box
01061 Exposed heating pipeline
01062 Telecom base station
01063 Water tower
01064 Memorial archway (gate tower)
01065 Management responsibility notice board
01066 SOS emergency call point
01067 Flood monitoring facility
01068 Water crane
01069 Waterway ancillary facility
01070 Waterway railing
01071 Flood wall
01072 Drainage pumping station
01073 Storm/sewage outfall
01074 Utility tunnel ancillary facility
01075 Parcel locker
01076 Public lift
01077 Multi-function pole
02001 Car park
02002 Multi-storey car park
02003 Parking meter
02004 Bus stop facility
02005 Taxi stand
02006 Pedestrian overpass
02007 Underpass
02008 Interchange bridge
02009 River bridge
02010 Traffic signs and markings
02011 Height-limit gantry sign
02012 Street name sign
02013 Place name sign
02014 Traffic light
02015 Traffic signal equipment
02016 Traffic police booth
02017 Traffic guardrail
02018 Crash barrel
02019 Traffic island
02020 Pedestrian crossing bollard
02021 Sidewalk bollard
02022 Flexible lane separator
02023 Road information display
02024 Road noise barrier
02025 Non-motor vehicle parking spot
02026 Bicycle rental point
02027 Bicycle rack
02028 Level crossing facility
02029 Pier bridge
02030 Waterway sign
02031 Harbour supervision facility
02032 Rail transit facility
02033 Traffic convex mirror
02034 Accessibility facility
02035 Emergency shelter sign
02036 Relief station sign
02037 Heritage building sign
02038 Door (building) number plate
02039 Police direction sign
02040 Scenic area sign
02041 Parking information display
02042 Railway bridge or culvert
02043 Speed bump
02044 Highway tunnel
03001 Public toilet
03002 Public toilet sign
03003 Septic tank
03004 Refuse room (building)
03005 Litter bin
03006 Outdoor advertisement
03007 Shop sign
03008 Notice board
03009 Weather monitoring station
03010 Environmental monitoring station
03011 Sewage outlet monitoring station
03012 Sewage monitor
03013 Noise display
03014 Sanitation tool room (box)
03015 Pet waste bag box
03016 Cigarette-butt collector or smoking point
04001 Ancient or famous tree
04002 Street tree
04003 Solitary tree
04004 Tree protection facility
04005 Flower stand or planter
04006 Sculpture
04007 Street bench
04008 Green-space railing
04009 Green-space ancillary facility
04010 Fountain
04011 Tree pit
04012 Elevated planter box
04013 Green space
04014 Woodland and woodland management facility
05002 Public housing basement
05003 Filling (gas, charging) station
05009 Cultural relic or historic site"""

MATTERS = """06001 Illegal structure
06002 Unlicensed shopfront renovation
06003 Illegal kerb ramp
06004 Soiled building facade
06005 Untidy street-facing balcony or roof
06006 Unauthorised flags on street-facing buildings
06007 Laundry hung along the street
06008 Unauthorised pipelines or poles
06009 Air-conditioner outdoor unit mounted too low
06010 Exposed garbage
06011 Accumulated garbage or muck
06012 Dirty road
06013 Damaged road
06014 Spillage on road
06015 Dirty beach (river beach)
06016 Faded traffic markings
06017 Untidy green space
06018 Green waste
06019 Non-decorative hangings
06020 Burning garbage or leaves
06021 Plant pests and diseases
06022 Illegal tree felling
06023 Damaged embankment
06024 Disorder on waterways
06025 Dirty water body
06026 River pollution
06027 Cooking fume pollution
06028 Noise nuisance
06029 Open-air barbecue
06030 Illegal discharge of sewage or wastewater
06032 Informal landfill
06033 Dumped medical waste
06034 Abandoned vehicle
06035 Abandoned furniture or equipment
06036 Piled sundries
06037 Animal carcass
06038 Unauthorised poultry or livestock keeping
06039 Unauthorised road opening
06040 Private parking lock or bollard
06041 Unsorted garbage
06042 Overflowing refuse station (bin)
06043 Damaged awning (shade, umbrella)
06044 Damaged festive decoration
06045 Illegal occupation or destruction of green space
06046 Occupation of river course
06047 Park order
06048 Damaged slope (retaining wall)
06049 Damaged steps
06050 Damaged kerbstone
06051 Damaged tactile paving
06052 Damaged accessible ramp
07001 Illegal small advertisement
07002 Leafleting in the street
07003 Non-compliant outdoor advertisement
07004 Non-standard advertising language or script
07006 Non-compliant shop sign
07007 Non-compliant banner or publicity material
07008 Damaged public-service publicity
08001 Construction noise nuisance
08002 Construction occupying the road
08003 Unlicensed road excavation
08004 Construction site dust
08005 Construction waste
08006 Disorderly piled construction materials
08007 Construction site hoarding problem
08008 Unhardened construction site road
08009 Damaged road at construction site entrance
08010 Site not cleared after construction
08011 Muck truck without sealing device
08012 Mud carried out on wheels from site
08013 Non-compliant work at height
08014 Exposed embedded parts
08015 Soiled construction notice board
08016 Unlicensed construction
09001 Unlicensed street vendor
09002 Morning/night market problem
09003 Vagrancy and begging
09004 Disorderly scrap collection
09005 Business outside the shop
09006 Road-occupying business
09008 Sale of illegal publications
09009 Illegally parked motor vehicle
09010 Illegally parked non-motor vehicle
09011 Shared-bicycle disorder
09012 Blocked fire lane
09013 Slaughtering at the street side
09014 Animal-drawn cart in the city
09015 Unlicensed catering
09016 Unauthorised car park
09017 Illegal use of space under bridges
09018 Tracked (iron-wheeled) vehicle on the road
09019 Blocked accessible passage
09020 Farmers' market disorder
09021 Car washing on the road
09022 Road-occupying promotion
10001 Snow or ice on the road
10002 Fallen overhead cable"""

def table(text):
    return {line[:5]: line[6:] for line in text.splitlines() if line.strip()}

comp, matt = table(COMPONENTS), table(MATTERS)
rows = list(csv.DictReader(open("gbt47678-5-codes.csv", encoding="utf-8")))
with open("names-en.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["kind", "level", "code", "name_en", "source"])
    for (kind, major), name in MAJORS.items():
        w.writerow([kind, "major", major, name, "CityOps translation"])
    for r in rows:
        code, kind = r["code"], r["kind"]
        if kind == "component":
            name = comp[code]
        elif code[:2] in ("01", "02", "03", "04", "05"):
            name = comp[code] + " fault"  # 01–05 matters are "<component> 异常"
        else:
            name = matt[code]
        w.writerow([kind, "type", code, name, "CityOps translation"])
