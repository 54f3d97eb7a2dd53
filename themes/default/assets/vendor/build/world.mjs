// world.mjs: builds the ECharts world map and the country table offline.
//
// Inputs (all from npm, pinned in package.json):
//   world-atlas/countries-110m.json   Natural Earth 4.1.0 admin-0, 1:110m, TopoJSON (ISC / public domain)
//   topojson-client                   TopoJSON -> GeoJSON (ISC)
//   i18n-iso-countries                ISO 3166-1 alpha-2/alpha-3/numeric codes, English + Spanish names (MIT)
//
// Outputs (paths relative to the repository root):
//   themes/default/assets/vendor/world/world.min.js   echarts.registerMap("world", <GeoJSON>);
//   internal/country/countries.json                   [{alpha2, alpha3, numeric, es, en}, ...] sorted by alpha2
//
// What the conversion does to the map:
//   * drops Antarctica (numeric 010);
//   * merges the Natural Earth features without an ISO code into their ISO country:
//     "N. Cyprus" -> CY, "Somaliland" -> SO (topojson merge, so no inner border); "Kosovo" -> XK
//     (user-assigned code, as used by i18n-iso-countries, the EU and others);
//   * fixes rings that cross the antimeridian (Russia, Fiji): in a ring with a jump of more
//     than 180 degrees between consecutive points, every negative longitude gets +360;
//   * rounds coordinates to 1 decimal (about 11 km; the 1:110m data is coarser still) and
//     removes the consecutive duplicate points that rounding creates;
//   * sets properties = {name: <ISO 3166-1 alpha-2>} and nothing else; features sorted by name.
//
// Output is deterministic: running it twice gives byte-identical files.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import * as topojson from 'topojson-client';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..', '..', '..');
const worldOut = join(here, '..', 'world', 'world.min.js');
const countriesOut = join(repoRoot, 'internal', 'country', 'countries.json');

const topo = require('world-atlas/countries-110m.json');
const codes = require('i18n-iso-countries/codes.json'); // [[alpha2, alpha3, numeric, "ISO 3166-2:XX"], ...]
const enNames = require('i18n-iso-countries/langs/en.json').countries;
const esNames = require('i18n-iso-countries/langs/es.json').countries;

// ---------------------------------------------------------------------------
// Names. i18n-iso-countries gives ISO-style names ("Korea, Republic of",
// "República de Corea"); charts want the short names people actually write.
// Spanish follows common Colombian usage (Cancillería / press). Every entry
// here is an override of the i18n-iso-countries value.
const EN_OVERRIDES = {
  BN: 'Brunei',
  CD: 'Democratic Republic of the Congo',
  CG: 'Republic of the Congo',
  CI: "Côte d'Ivoire",
  CN: 'China',
  CZ: 'Czechia',
  FK: 'Falkland Islands',
  FM: 'Micronesia',
  GB: 'United Kingdom',
  GM: 'Gambia',
  IR: 'Iran',
  KP: 'North Korea',
  KR: 'South Korea',
  LA: 'Laos',
  MD: 'Moldova',
  MK: 'North Macedonia',
  NL: 'Netherlands',
  PN: 'Pitcairn Islands',
  PS: 'Palestine',
  RE: 'Réunion',
  RU: 'Russia',
  SH: 'Saint Helena, Ascension and Tristan da Cunha',
  SY: 'Syria',
  TR: 'Türkiye',
  TW: 'Taiwan',
  TZ: 'Tanzania',
  US: 'United States',
  VA: 'Vatican City',
  VG: 'British Virgin Islands',
  VI: 'U.S. Virgin Islands',
  MF: 'Saint Martin (French part)',
  SX: 'Sint Maarten (Dutch part)',
};
const ES_OVERRIDES = {
  BH: 'Baréin',
  BJ: 'Benín',
  BL: 'San Bartolomé',
  BN: 'Brunéi',
  BW: 'Botsuana',
  CD: 'República Democrática del Congo',
  CG: 'República del Congo',
  CW: 'Curazao',
  FJ: 'Fiyi',
  GW: 'Guinea-Bisáu',
  HM: 'Islas Heard y McDonald',
  IQ: 'Irak',
  IR: 'Irán',
  KN: 'San Cristóbal y Nieves',
  KP: 'Corea del Norte',
  KR: 'Corea del Sur',
  LA: 'Laos',
  MF: 'San Martín (parte francesa)',
  PG: 'Papúa Nueva Guinea',
  PN: 'Islas Pitcairn',
  SH: 'Santa Elena, Ascensión y Tristán de Acuña',
  SR: 'Surinam',
  SX: 'San Martín (parte neerlandesa)',
  SY: 'Siria',
  TF: 'Territorios Australes Franceses',
  TL: 'Timor Oriental',
  VA: 'Ciudad del Vaticano',
  VG: 'Islas Vírgenes Británicas',
};

const first = (v) => (Array.isArray(v) ? v[0] : v);

const byNumeric = new Map();
const countries = [];
for (const [alpha2, alpha3, numeric] of codes) {
  const en = EN_OVERRIDES[alpha2] ?? first(enNames[alpha2]);
  const es = ES_OVERRIDES[alpha2] ?? first(esNames[alpha2]);
  if (!en || !es) throw new Error(`missing name for ${alpha2}`);
  byNumeric.set(numeric, alpha2);
  countries.push({ alpha2, alpha3, numeric, es, en });
}
countries.sort((a, b) => (a.alpha2 < b.alpha2 ? -1 : a.alpha2 > b.alpha2 ? 1 : 0));
for (const k of [...Object.keys(EN_OVERRIDES), ...Object.keys(ES_OVERRIDES)]) {
  if (!countries.some((c) => c.alpha2 === k)) throw new Error(`override for unknown code ${k}`);
}

// ---------------------------------------------------------------------------
// Map.
const NO_ISO_ID = { 'N. Cyprus': 'CY', Somaliland: 'SO', Kosovo: 'XK' };
const DROP = new Set(['010']); // Antarctica

const groups = new Map(); // alpha2 -> [topojson geometry objects]
for (const g of topo.objects.countries.geometries) {
  if (DROP.has(g.id)) continue;
  let alpha2;
  if (g.id === undefined) {
    alpha2 = NO_ISO_ID[g.properties.name];
    if (!alpha2) throw new Error(`feature without id not handled: ${g.properties.name}`);
  } else {
    alpha2 = byNumeric.get(g.id);
    if (!alpha2) throw new Error(`no alpha-2 for numeric ${g.id} (${g.properties.name})`);
  }
  if (!groups.has(alpha2)) groups.set(alpha2, []);
  groups.get(alpha2).push(g);
}

function fixAntimeridian(ring, label) {
  let jump = false;
  for (let i = 1; i < ring.length; i++) {
    if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) { jump = true; break; }
  }
  if (!jump) return ring;
  fixed.push(label);
  return ring.map(([x, y]) => [x < 0 ? x + 360 : x, y]);
}
const fixed = [];

const r2 = (v) => { const r = Math.round(v * 10) / 10; return r === 0 ? 0 : r; }; // no -0

function roundRing(ring) {
  const out = [];
  for (const [x, y] of ring) {
    const p = [r2(x), r2(y)];
    const last = out[out.length - 1];
    if (last && last[0] === p[0] && last[1] === p[1]) continue;
    out.push(p);
  }
  // keep the ring closed
  const a = out[0], b = out[out.length - 1];
  if (a[0] !== b[0] || a[1] !== b[1]) out.push([a[0], a[1]]);
  return out.length >= 4 ? out : null;
}

const features = [];
let droppedRings = 0;
for (const alpha2 of [...groups.keys()].sort()) {
  const objs = groups.get(alpha2);
  const geom = objs.length === 1
    ? topojson.feature(topo, objs[0]).geometry
    : topojson.merge(topo, objs);
  const polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  const outPolys = [];
  polys.forEach((poly, pi) => {
    const rings = poly.map((ring, ri) => roundRing(fixAntimeridian(ring, `${alpha2} polygon ${pi} ring ${ri}`)));
    droppedRings += rings.filter((r) => r === null).length;
    if (rings[0] === null) return; // exterior ring collapsed: drop the whole polygon
    outPolys.push(rings.filter((r) => r !== null));
  });
  if (!outPolys.length) throw new Error(`${alpha2} vanished after rounding`);
  features.push({
    type: 'Feature',
    properties: { name: alpha2 },
    geometry: outPolys.length === 1
      ? { type: 'Polygon', coordinates: outPolys[0] }
      : { type: 'MultiPolygon', coordinates: outPolys },
  });
}

const geojson = { type: 'FeatureCollection', features };
const js =
  '/*! Tablero world map: Natural Earth 1:110m admin-0 (public domain) via world-atlas 2.0.2 (ISC). ' +
  'Feature names are ISO 3166-1 alpha-2 codes. Load after echarts-full.min.js. See LICENSE files in this folder. */\n' +
  'echarts.registerMap("world",' + JSON.stringify(geojson) + ');\n';

mkdirSync(dirname(worldOut), { recursive: true });
writeFileSync(worldOut, js);
mkdirSync(dirname(countriesOut), { recursive: true });
writeFileSync(countriesOut, '[\n' + countries.map((c) => JSON.stringify(c)).join(',\n') + '\n]\n');

const mapCodes = features.map((f) => f.properties.name);
console.log(`world.min.js: ${features.length} features, ${js.length} bytes; antimeridian-fixed rings: ${fixed.join('; ') || 'none'}; rings dropped by rounding: ${droppedRings}`);
console.log(`countries.json: ${countries.length} entries; map codes not in table: ${mapCodes.filter((c) => !countries.some((x) => x.alpha2 === c)).join(',') || 'none'}`);
