// Expected values come from PROJ 9.1.1 (Debian proj-bin), e.g.
//   printf "48.8530 2.3499\n" | cs2cs -f %.4f EPSG:4326 EPSG:2154
// cs2cs uses the EPSG axis order: lat/lon in, and northing before easting for EPSG:3035.
import { describe, expect, it } from "vitest";
import { crsFromWkt, parseCrsName, transformer } from "../pipeline/geo/crs.js";

const CM = 0.01;

describe("proj4 definitions agree with PROJ to 1 cm", () => {
  const points: Array<[number, number]> = [
    [2.3499, 48.853], // parvis Notre-Dame
    [2.295, 48.8738], // Étoile
    [2.4138, 48.9014], // north-east of the 2019 reference bbox
  ];
  it("EPSG:2154 Lambert-93", () => {
    const ref = [
      [652296.9731, 6861636.3585],
      [648289.2745, 6863983.7035],
      [657025.6894, 6866981.443],
    ];
    const t = transformer("EPSG:4326", "EPSG:2154");
    points.forEach((p, i) => {
      const [x, y] = t(p);
      expect(Math.abs(x - ref[i][0])).toBeLessThan(CM);
      expect(Math.abs(y - ref[i][1])).toBeLessThan(CM);
    });
  });
  it("EPSG:3035 ETRS89-LAEA", () => {
    // cs2cs prints northing first for 3035: [N, E].
    const ref = [
      [2889103.8384, 3760563.4133],
      [2891825.3595, 3756794.9787],
      [2893977.0552, 3765767.8274],
    ];
    const t = transformer("EPSG:4326", "EPSG:3035");
    points.forEach((p, i) => {
      const [e, n] = t(p);
      expect(Math.abs(e - ref[i][1])).toBeLessThan(CM);
      expect(Math.abs(n - ref[i][0])).toBeLessThan(CM);
    });
  });
  it("EPSG:3857 and EPSG:27572", () => {
    const merc = transformer("EPSG:4326", "EPSG:3857");
    const [mx, my] = merc([2.4138, 48.9014]);
    expect(Math.abs(mx - 268702.9869)).toBeLessThan(CM);
    expect(Math.abs(my - 6258147.5671)).toBeLessThan(CM);
    const ntf = transformer("EPSG:4326", "EPSG:27572");
    const [nx, ny] = ntf([2.3499, 48.853]);
    expect(Math.abs(nx - 600983.4957)).toBeLessThan(CM);
    expect(Math.abs(ny - 2428295.3086)).toBeLessThan(CM);
  });
  it("round-trips back to WGS84", () => {
    for (const code of ["EPSG:2154", "EPSG:3035", "EPSG:27572", "EPSG:3857"] as const) {
      const there = transformer("EPSG:4326", code)([2.3499, 48.853]);
      const back = transformer(code, "EPSG:4326")(there);
      expect(Math.abs(back[0] - 2.3499)).toBeLessThan(1e-8);
      expect(Math.abs(back[1] - 48.853)).toBeLessThan(1e-8);
    }
  });
});

describe("CRS names and .prj WKT", () => {
  it("parses the usual spellings", () => {
    expect(parseCrsName("EPSG:2154")).toBe("EPSG:2154");
    expect(parseCrsName("urn:ogc:def:crs:EPSG::3035")).toBe("EPSG:3035");
    expect(parseCrsName("urn:ogc:def:crs:OGC:1.3:CRS84")).toBe("EPSG:4326");
    expect(parseCrsName("2154")).toBe("EPSG:2154");
    expect(parseCrsName("EPSG:9999")).toBeUndefined();
  });
  it("recognises ESRI and OGC .prj texts", () => {
    // ESRI .prj as written by QGIS/GDAL for Lambert-93 (ogr2ogr -a_srs EPSG:2154, then cat *.prj).
    const esri93 =
      'PROJCS["RGF_1993_Lambert_93",GEOGCS["GCS_RGF_1993",DATUM["D_RGF_1993",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",700000.0],PARAMETER["False_Northing",6600000.0],PARAMETER["Central_Meridian",3.0],PARAMETER["Standard_Parallel_1",49.0],PARAMETER["Standard_Parallel_2",44.0],PARAMETER["Latitude_Of_Origin",46.5],UNIT["Meter",1.0]]';
    expect(crsFromWkt(esri93)).toBe("EPSG:2154");
    const wgs = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    expect(crsFromWkt(wgs)).toBe("EPSG:4326");
    expect(crsFromWkt('PROJCS["NTF_Paris_Lambert_II_etendu",GEOGCS["GCS_NTF_Paris"]]')).toBe("EPSG:27572");
    expect(crsFromWkt('PROJCS["Some_Local_Grid",GEOGCS["GCS_Unknown"]]')).toBeUndefined();
  });
});
