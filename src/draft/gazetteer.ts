/**
 * Countries, their demonyms and common short forms, for typing names the text gives. Each
 * line: name | demonym | other names. A gazetteer because no package with named-entity types
 * loads fast enough for a command-line tool (see the README's measurement).
 */
const COUNTRY_LINES = `Afghanistan|Afghan|
Albania|Albanian|
Algeria|Algerian|
Argentina|Argentine|
Armenia|Armenian|
Australia|Australian|
Austria|Austrian|
Azerbaijan|Azerbaijani|
Bahrain|Bahraini|
Bangladesh|Bangladeshi|
Belarus|Belarusian|
Belgium|Belgian|
Bolivia|Bolivian|
Bosnia and Herzegovina|Bosnian|Bosnia
Brazil|Brazilian|
Bulgaria|Bulgarian|
Cambodia|Cambodian|
Cameroon|Cameroonian|
Canada|Canadian|
Chile|Chilean|
China|Chinese|PRC
Colombia|Colombian|
Croatia|Croatian|
Cuba|Cuban|
Cyprus|Cypriot|
Czech Republic|Czech|Czechia
Denmark|Danish|
Ecuador|Ecuadorian|
Egypt|Egyptian|
Estonia|Estonian|
Ethiopia|Ethiopian|
Finland|Finnish|
France|French|
Georgia|Georgian|
Germany|German|
Ghana|Ghanaian|
Greece|Greek|
Hungary|Hungarian|
Iceland|Icelandic|
India|Indian|
Indonesia|Indonesian|
Iran|Iranian|
Iraq|Iraqi|
Ireland|Irish|
Israel|Israeli|
Italy|Italian|
Japan|Japanese|
Jordan|Jordanian|
Kazakhstan|Kazakh|
Kenya|Kenyan|
Kosovo|Kosovar|
Kuwait|Kuwaiti|
Kyrgyzstan|Kyrgyz|
Latvia|Latvian|
Lebanon|Lebanese|
Libya|Libyan|
Lithuania|Lithuanian|
Luxembourg|Luxembourgish|
Malaysia|Malaysian|
Mexico|Mexican|
Moldova|Moldovan|
Mongolia|Mongolian|
Montenegro|Montenegrin|
Morocco|Moroccan|
Nepal|Nepali|
Netherlands|Dutch|Holland
New Zealand|New Zealander|
Nigeria|Nigerian|
North Korea|North Korean|
North Macedonia|Macedonian|
Norway|Norwegian|
Pakistan|Pakistani|
Peru|Peruvian|
Philippines|Filipino|
Poland|Polish|
Portugal|Portuguese|
Qatar|Qatari|
Romania|Romanian|
Russia|Russian|Russian Federation
Saudi Arabia|Saudi|
Serbia|Serbian|
Singapore|Singaporean|
Slovakia|Slovak|
Slovenia|Slovenian|
Somalia|Somali|
South Africa|South African|
South Korea|South Korean|
Spain|Spanish|
Sri Lanka|Sri Lankan|
Sudan|Sudanese|
Sweden|Swedish|
Switzerland|Swiss|
Syria|Syrian|
Taiwan|Taiwanese|
Tajikistan|Tajik|
Thailand|Thai|
Tunisia|Tunisian|
Turkey|Turkish|Türkiye
Turkmenistan|Turkmen|
Ukraine|Ukrainian|
United Arab Emirates|Emirati|UAE
United Kingdom|British|UK,U.K.,Britain,Great Britain
United States|American|US,U.S.,USA,U.S.A.,United States of America
Uzbekistan|Uzbek|
Venezuela|Venezuelan|
Vietnam|Vietnamese|
Yemen|Yemeni|
Zimbabwe|Zimbabwean|`;

/** Continents and regions named like countries. */
const REGION_LINES = `Europe|European|
Asia|Asian|
Africa|African|
the Caucasus|Caucasian|South Caucasus
the Middle East|Middle Eastern|
Latin America|Latin American|
the Balkans|Balkan|`;

export interface Country {
  name: string;
  type: 'Country' | 'Place';
  demonym: string;
  others: string[];
}

function parse(lines: string, type: Country['type']): Country[] {
  return lines.split('\n').map((line) => {
    const [name = '', demonym = '', others = ''] = line.split('|');
    return { name, type, demonym, others: others ? others.split(',') : [] };
  });
}

const ALL = [...parse(COUNTRY_LINES, 'Country'), ...parse(REGION_LINES, 'Place')];

/** Country or region by any of its names, or by its demonym ("Russian" gives Russia). */
export const PLACE_BY_NAME = new Map<string, { place: Country; via: 'name' | 'demonym' }>();
for (const place of ALL) {
  PLACE_BY_NAME.set(place.name.toLowerCase(), { place, via: 'name' });
  PLACE_BY_NAME.set(place.name.replace(/^the /, '').toLowerCase(), { place, via: 'name' });
  for (const other of place.others) PLACE_BY_NAME.set(other.toLowerCase(), { place, via: 'name' });
  PLACE_BY_NAME.set(place.demonym.toLowerCase(), { place, via: 'demonym' });
}
