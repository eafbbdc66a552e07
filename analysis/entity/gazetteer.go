package entity

import (
	_ "embed"
	"strings"
)

// The tables below are immutable after package initialisation. Keys are
// folded with fold (lower case, diacritics removed, dots dropped).

//go:embed commonwords.txt
var commonWordsText string

//go:embed cities.txt
var citiesText string

//go:embed dictwords.txt
var dictWordsText string

//go:embed givennames.txt
var givenNamesText string

// place is a gazetteer entry: its type and the key of its cluster (so that
// "US", "U.S." and "United States" cluster together).
type place struct {
	typ string
	key string
}

// countries: canonical name | other names | demonyms (nationality
// adjectives and nouns). Each line one country.
const countriesTable = `
Afghanistan||Afghan,Afghans
Albania||Albanian,Albanians
Algeria||Algerian,Algerians
Andorra||Andorran
Angola||Angolan
Argentina||Argentine,Argentinian,Argentinians,Argentines
Armenia||Armenian,Armenians
Australia||Australian,Australians,Aussie
Austria||Austrian,Austrians
Azerbaijan||Azerbaijani,Azeri,Azerbaijanis
Bahamas||Bahamian
Bahrain||Bahraini
Bangladesh||Bangladeshi
Barbados||Barbadian
Belarus|Byelorussia|Belarusian,Belarusians,Byelorussian
Belgium||Belgian,Belgians
Belize||Belizean
Benin||Beninese
Bhutan||Bhutanese
Bolivia||Bolivian,Bolivians
Bosnia and Herzegovina|Bosnia,Bosnia-Herzegovina|Bosnian,Bosnians
Botswana||Botswanan
Brazil||Brazilian,Brazilians
Brunei||Bruneian
Bulgaria||Bulgarian,Bulgarians
Burkina Faso||Burkinabe
Burundi||Burundian
Cambodia||Cambodian,Cambodians
Cameroon||Cameroonian
Canada||Canadian,Canadians
Chad||Chadian
Chile||Chilean,Chileans
China|People's Republic of China,PRC|Chinese
Colombia||Colombian,Colombians
Congo|Democratic Republic of Congo,DRC,Zaire|Congolese,Zairean
Costa Rica||Costa Rican
Croatia||Croatian,Croat,Croats,Croatians
Cuba||Cuban,Cubans
Cyprus||Cypriot,Cypriots
Czech Republic|Czechia|Czech,Czechs
Denmark||Danish,Dane,Danes
Djibouti||Djiboutian
Dominican Republic||Dominican
Ecuador||Ecuadorian,Ecuadorean
Egypt||Egyptian,Egyptians
El Salvador||Salvadoran
Eritrea||Eritrean
Estonia||Estonian,Estonians
Ethiopia||Ethiopian,Ethiopians
Fiji||Fijian
Finland||Finnish,Finn,Finns
France||French,Frenchman
Gabon||Gabonese
Gambia||Gambian
Georgia||Georgian,Georgians
Germany||German,Germans
Ghana||Ghanaian
Greece||Greek,Greeks
Guatemala||Guatemalan
Guinea||Guinean
Guyana||Guyanese
Haiti||Haitian,Haitians
Honduras||Honduran
Hungary||Hungarian,Hungarians
Iceland||Icelandic,Icelander
India||Indian,Indians
Indonesia||Indonesian,Indonesians
Iran||Iranian,Iranians
Iraq||Iraqi,Iraqis
Ireland|Eire|Irish,Irishman
Israel||Israeli,Israelis
Italy||Italian,Italians
Ivory Coast|Cote d'Ivoire|Ivorian
Jamaica||Jamaican,Jamaicans
Japan||Japanese
Jordan||Jordanian,Jordanians
Kazakhstan||Kazakh,Kazakhs,Kazakhstani
Kenya||Kenyan,Kenyans
Kosovo||Kosovar,Kosovan
Kuwait||Kuwaiti,Kuwaitis
Kyrgyzstan|Kirghizia|Kyrgyz
Laos||Laotian,Lao
Latvia||Latvian,Latvians
Lebanon||Lebanese
Liberia||Liberian
Libya||Libyan,Libyans
Liechtenstein||
Lithuania||Lithuanian,Lithuanians
Luxembourg||Luxembourger
Macedonia|North Macedonia|Macedonian,Macedonians
Madagascar||Malagasy
Malawi||Malawian
Malaysia||Malaysian,Malaysians
Maldives||Maldivian
Mali||Malian
Malta||Maltese
Mauritania||Mauritanian
Mauritius||Mauritian
Mexico||Mexican,Mexicans
Moldova||Moldovan,Moldovans
Monaco||Monegasque
Mongolia||Mongolian,Mongolians
Montenegro||Montenegrin
Morocco||Moroccan,Moroccans
Mozambique||Mozambican
Myanmar|Burma|Burmese
Namibia||Namibian
Nepal||Nepalese,Nepali
Netherlands|Holland|Dutch,Dutchman
New Zealand||New Zealander,Kiwi
Nicaragua||Nicaraguan
Niger||Nigerien
Nigeria||Nigerian,Nigerians
North Korea|DPRK|North Korean,North Koreans
Norway||Norwegian,Norwegians
Oman||Omani
Pakistan||Pakistani,Pakistanis
Palestine|Palestinian territories|Palestinian,Palestinians
Panama||Panamanian
Papua New Guinea||Papuan
Paraguay||Paraguayan
Peru||Peruvian,Peruvians
Philippines||Filipino,Philippine,Filipinos
Poland||Polish,Pole,Poles
Portugal||Portuguese
Qatar||Qatari,Qataris
Romania|Rumania|Romanian,Romanians
Russia|Russian Federation|Russian,Russians
Rwanda||Rwandan,Rwandans
Saudi Arabia||Saudi,Saudis
Senegal||Senegalese
Serbia||Serbian,Serb,Serbs,Serbians
Sierra Leone||Sierra Leonean
Singapore||Singaporean
Slovakia||Slovak,Slovakian,Slovaks
Slovenia||Slovenian,Slovene,Slovenes
Somalia||Somali,Somalis
South Africa||South African,South Africans
South Korea|Korea|South Korean,Korean,Koreans
South Sudan||South Sudanese
Spain||Spanish,Spaniard,Spaniards
Sri Lanka||Sri Lankan,Sri Lankans
Sudan||Sudanese
Suriname||Surinamese
Sweden||Swedish,Swede,Swedes
Switzerland||Swiss
Syria||Syrian,Syrians
Taiwan||Taiwanese
Tajikistan||Tajik,Tajiks
Tanzania||Tanzanian
Thailand||Thai,Thais
Togo||Togolese
Trinidad and Tobago|Trinidad|Trinidadian
Tunisia||Tunisian,Tunisians
Turkey|Turkiye,Türkiye|Turkish,Turk,Turks
Turkmenistan||Turkmen
Uganda||Ugandan
Ukraine||Ukrainian,Ukrainians
United Arab Emirates|UAE,Emirates|Emirati
United Kingdom|UK,U.K.,Britain,Great Britain|British,Briton,Britons
United States|US,U.S.,USA,U.S.A.,America,United States of America|American,Americans
Uruguay||Uruguayan
Uzbekistan||Uzbek,Uzbeks
Venezuela||Venezuelan,Venezuelans
Vietnam|Viet Nam|Vietnamese
Yemen||Yemeni,Yemenis
Yugoslavia||Yugoslav,Yugoslavs
Zambia||Zambian
Zimbabwe||Zimbabwean,Zimbabweans
England||English,Englishman
Scotland||Scottish,Scot,Scots
Wales||Welsh
Northern Ireland||
Soviet Union|USSR|Soviet
Chechnya||Chechen,Chechens
Europe||European,Europeans
Asia||Asian,Asians
Africa||African,Africans
Latin America||Latin American
Arab world||Arab,Arabs
`

// places: cities, regions, continents and other locations (LOC).
const placesTable = `
Moscow,Kyiv,Kiev,Kharkiv,Kharkov,Odesa,Odessa,Lviv,Dnipro,Zaporizhzhia,Kherson,Mariupol,Donetsk,Luhansk,Bakhmut,
Sumy,Chernihiv,Poltava,Mykolaiv,Crimea,Donbas,Donbass,Kursk,Belgorod,Bryansk,Sevastopol,Yalta,Saint Petersburg,
St. Petersburg,St Petersburg,Petersburg,Novosibirsk,Yekaterinburg,Kazan,Sochi,Vladivostok,Murmansk,Kaliningrad,
Minsk,Tbilisi,Yerevan,Baku,Astana,Nur-Sultan,Almaty,Tashkent,Samarkand,Bishkek,Dushanbe,Ashgabat,Chisinau,
Washington,New York,Los Angeles,Chicago,Houston,Boston,Miami,San Francisco,Seattle,Atlanta,Dallas,Denver,
Philadelphia,Detroit,Las Vegas,Anchorage,Alaska,California,Texas,Florida,New Jersey,Virginia,Ohio,Michigan,
Pennsylvania,Illinois,Arizona,Nevada,Oregon,Colorado,Massachusetts,Maryland,Hawaii,Manhattan,Brooklyn,
Palm Beach,Mar-a-Lago,Camp David,Capitol Hill,Wall Street,Silicon Valley,Hollywood,
London,Paris,Berlin,Rome,Madrid,Barcelona,Lisbon,Vienna,Brussels,Amsterdam,The Hague,Geneva,Zurich,Bern,Davos,
Stockholm,Oslo,Copenhagen,Helsinki,Warsaw,Krakow,Prague,Budapest,Bucharest,Sofia,Belgrade,Zagreb,Sarajevo,
Ljubljana,Bratislava,Athens,Dublin,Edinburgh,Manchester,Liverpool,Glasgow,Birmingham,Munich,Frankfurt,Hamburg,
Cologne,Milan,Naples,Venice,Florence,Marseille,Lyon,Nice,Vilnius,Riga,Tallinn,Reykjavik,Valletta,Monte Carlo,
Istanbul,Ankara,Antalya,Jerusalem,Tel Aviv,Gaza,Gaza Strip,West Bank,Golan Heights,Beirut,Damascus,Aleppo,Baghdad,
Tehran,Riyadh,Jeddah,Mecca,Doha,Dubai,Abu Dhabi,Muscat,Amman,Cairo,Alexandria,Tripoli,Tunis,Algiers,Rabat,
Casablanca,Khartoum,Addis Ababa,Nairobi,Lagos,Abuja,Accra,Dakar,Kinshasa,Johannesburg,Cape Town,Pretoria,
Beijing,Shanghai,Hong Kong,Macau,Taipei,Tokyo,Osaka,Kyoto,Hiroshima,Seoul,Pyongyang,Delhi,New Delhi,Mumbai,Bombay,
Kolkata,Calcutta,Chennai,Bangalore,Karachi,Lahore,Islamabad,Kabul,Kandahar,Dhaka,Colombo,Kathmandu,Bangkok,
Hanoi,Ho Chi Minh City,Saigon,Manila,Jakarta,Bali,Kuala Lumpur,Singapore,Sydney,Melbourne,Canberra,Auckland,
Wellington,Ottawa,Toronto,Montreal,Vancouver,Quebec,Mexico City,Havana,Caracas,Bogota,Lima,Santiago,
Buenos Aires,Sao Paulo,Rio de Janeiro,Brasilia,Montevideo,Quito,La Paz,Panama City,
Siberia,Caucasus,Balkans,Baltics,Scandinavia,Middle East,Near East,Far East,Central Asia,South Asia,
Southeast Asia,East Asia,Eastern Europe,Western Europe,Central Europe,North America,South America,
Central America,Caribbean,Mediterranean,Black Sea,Baltic Sea,Red Sea,Caspian Sea,Arctic,Antarctica,Atlantic,
Pacific,Indian Ocean,Persian Gulf,Gulf,Kashmir,Tibet,Xinjiang,Kurdistan,Transnistria,Abkhazia,South Ossetia,
Nagorno-Karabakh,Karabakh,Sinai,Hormuz,Strait of Hormuz,Suez,Suez Canal,Danube,Dnieper,Volga,Bosphorus,
Greenland,San Marino,St Louis,St. Louis,San Diego,Puerto Rico,Arctic Circle,Kremlin Wall,Red Square
`

// organisations known by name (ORG). Alias groups are separated by '|'
// inside a line; the first form is the cluster key.
const orgsTable = `
Kremlin
White House
Pentagon
State Department|US State Department
Congress|US Congress|U.S. Congress
Senate|US Senate|U.S. Senate
House of Representatives
Supreme Court
Duma|State Duma
Verkhovna Rada|Rada
Federation Council
Security Council|UN Security Council|U.N. Security Council
United Nations|UN|U.N.
UN General Assembly|General Assembly
NATO|North Atlantic Treaty Organization
European Union|EU|E.U.
European Commission
European Parliament
European Central Bank|ECB
Council of Europe
OSCE
International Monetary Fund|IMF
World Bank
World Health Organization|WHO
World Trade Organization|WTO
OPEC|OPEC+
BRICS
ASEAN
African Union
Arab League
International Criminal Court|ICC
International Atomic Energy Agency|IAEA
Red Cross|International Committee of the Red Cross|ICRC
Amnesty International
Human Rights Watch
Greenpeace
CIA
FBI
NSA
KGB
FSB
GRU
SVR
SBU
Wagner|Wagner Group
Hamas
Hezbollah|Hizbollah|Hizballah
Taliban
Islamic State|ISIS|ISIL
al-Qaeda|al Qaeda|Al-Qaeda|Al Qaeda
Reuters
Associated Press|AP
Agence France-Presse|AFP
Bloomberg
CNN
BBC
NBC|NBC News
CBS|CBS News
ABC|ABC News
Fox News
MSNBC
NPR
Politico
Axios
Al Jazeera
The New York Times|New York Times|NYT
The Washington Post|Washington Post
The Wall Street Journal|Wall Street Journal|WSJ
Financial Times|FT
The Guardian|Guardian
The Economist|Economist
The Times
The Telegraph|Daily Telegraph
Daily Mail
Kyiv Post|KyivPost
Kyiv Independent
Ukrainska Pravda
Pravda|Pravda.Ru|Pravda.ru
TASS|ITAR-TASS
RIA Novosti|RIA
Interfax
Sputnik
RT|Russia Today
Kommersant
Izvestia
Vedomosti
Meduza
Novaya Gazeta
Xinhua
Der Spiegel|Spiegel
Le Monde
Le Figaro
Liberation
Sueddeutsche Zeitung|Süddeutsche Zeitung
Frankfurter Allgemeine Zeitung|Frankfurter Allgemeine
Bild
El Pais|El País
Corriere della Sera
La Repubblica
Haaretz
Jerusalem Post
Asahi Shimbun|Asahi
Yomiuri Shimbun|Yomiuri
Nikkei
Global Times
People's Daily
China Daily
Prensa Latina
Itar-Tass
Yonhap
Kyodo
Anadolu|Anadolu Agency
Gazprom
Rosneft
Lukoil
Novatek
Sberbank
Aeroflot
Rosatom
Roscosmos
Russian Direct Investment Fund|RDIF
Naftogaz
Google
Microsoft
Amazon
Meta
Facebook
Telegram
Tesla
SpaceX
Boeing
Airbus
Exxon|ExxonMobil|Exxon Mobil
Chevron
Shell|Royal Dutch Shell
BP
American Express|AmEx|Amex
Goldman Sachs
JPMorgan|JP Morgan
Toyota
Volkswagen
Samsung
Huawei
Nvidia
OpenAI
Republican Party|GOP|Republicans
Democratic Party|Democrats
Labour|Labour Party
Conservative Party|Tories
United Russia
`

// miscTable: named things that are neither people, organisations nor places.
const miscTable = `G7,G8,G20,G-20,G-7,Olympics,Olympic Games,World Cup,Christmas,Easter,Islamic,Arab,Arabic,Kurdish,Kurd,Kurds,Zionist,Buddhist,Hindu,Sikh,Ramadan,Eid,Hanukkah,Islam,Christianity,Judaism,Orthodox,Catholic,Muslim,Muslims,Christian,Christians,Jewish,Jews,Sunni,Shiite,Shia,Nobel Prize,Nobel,Euro,Brexit,Holocaust,Cold War,World War II,Second World War,First World War,World War I,Internet,GMT,Moslem,Moslems,Hutu,Hutus,Tutsi,Tutsis,Afrikaner,Afrikaners,Basque,Basques,Catalan,Catalans,Corsican,Corsicans,Islamist,Islamists,Republican,Republicans,Democrat,Democrats,Olympic,Major League,Grand Slam,Roman Catholic,Roman Catholics,Protestant,Protestants,Anglican,Anglicans`

// indexTable: market indexes, MISC as in CoNLL-2003; with their number
// ("FTSE 100") they are one mention (products.go).
const indexTable = `FTSE,Footsie,CAC,DAX,Nasdaq,Hang Seng,Euro Stoxx,Stoxx,Dow Jones,Kospi,Sensex,Topix,Bovespa`

// acronyms that are not names ("CEO", "GDP") and all-caps words.
const nonEntityAcronyms = `CEO,CFO,COO,CTO,GDP,GNP,TV,AI,OK,PM,AM,PS,RSS,HTML,PDF,URL,USD,EUR,RUB,UAH,VAT,IPO,LNG,LLC,NB,FAQ,ID,PR,HQ,VIP,DIY,ETA,COVID,SARS,HIV,AIDS,DNA,MP,MPs,MEP,MEPs,A,I,II,III,IV,VI,VII,VIII,IX,XI,XII,ET,UTC,EST,PST,CET,MSK,BC,AD,NB,UFO,IT,HR,PhD,MD,RE,FW,FWD,NEW,UPDATE,UPDATED,BREAKING,EXCLUSIVE,WATCH,LIVE,VIDEO,PHOTO,PHOTOS,OPINION,ANALYSIS,READ,MORE,MB,GB,KM,KG`

// Title words that precede a name, capitalized ("President Putin").
// Multi-word titles are matched first.
const titleTable = `President,Presidents,Vice President,Prime Minister,Premier,Chancellor,Minister,Ministers,Foreign Minister,Defence Minister,Defense Minister,Finance Minister,Interior Minister,Deputy Prime Minister,Deputy Foreign Minister,Secretary,Secretary of State,Secretary-General,Secretary General,Press Secretary,Defense Secretary,Ambassador,Envoy,Special Envoy,Senator,Sen,Rep,Representative,Congressman,Congresswoman,Governor,Gov,Mayor,King,Queen,Prince,Princess,Crown Prince,Emperor,Empress,Pope,Cardinal,Archbishop,Bishop,Patriarch,Metropolitan,Rev,Reverend,Father,Rabbi,Imam,Sheikh,Sheik,Emir,Sultan,Ayatollah,Grand Ayatollah,General,Gen,Lt,Lieutenant,Colonel,Col,Major,Maj,Captain,Capt,Admiral,Adm,Sergeant,Sgt,Marshal,Field Marshal,Commander,Judge,Justice,Chief Justice,Professor,Prof,Chairman,Chairwoman,Chair,Director,Commissioner,Speaker,Coach,Lord,Lady,Dame,Spokesman,Spokeswoman,Aide,Adviser,Advisor,Deputy,Attorney General,Lawmaker,MP,Senior Adviser,Vice Premier,Deputy Premier,Leader,Opposition Leader,Presidential Aide,Presidential Envoy,President-elect,Vice-President,Gov.,Sen.,Rep.,CEO,CFO,COO,CTO,Chief Executive,Chief Executive Officer,Chief Financial Officer,Chief Operating Officer,Chief Technology Officer,Managing Director,Founder,Co-founder,Cofounder`

// Honorifics are dropped from names and are not roles ("Mr. Witkoff").
const honorificTable = `Mr,Mrs,Ms,Miss,Mx,Dr,Sir,Messrs,Mme,Mlle,Herr,Frau,Monsieur,Madame,Senor,Senora,Gospodin`

// Role heads: nouns that name a role held by a person. The value is the
// normalized head; multi-word heads are listed with their words.
const roleHeadTable = `
president=president
vice president=vice president
prime minister=prime minister
premier=premier
chancellor=chancellor
minister=minister
foreign minister=foreign minister
defence minister=defence minister
defense minister=defense minister
finance minister=finance minister
interior minister=interior minister
deputy prime minister=deputy prime minister
deputy foreign minister=deputy foreign minister
secretary=secretary
secretary of state=secretary of state
secretary-general=secretary-general
secretary general=secretary-general
press secretary=press secretary
defense secretary=defense secretary
envoy=envoy
special envoy=special envoy
presidential envoy=presidential envoy
aide=aide
presidential aide=presidential aide
adviser=adviser
advisor=adviser
national security adviser=national security adviser
spokesman=spokesperson
spokeswoman=spokesperson
spokesperson=spokesperson
press officer=press officer
businessman=businessman
businesswoman=businesswoman
entrepreneur=entrepreneur
billionaire=billionaire
tycoon=tycoon
investor=investor
developer=developer
real estate developer=real estate developer
head=head
chief=chief
leader=leader
opposition leader=opposition leader
chairman=chairman
chairwoman=chairwoman
chair=chair
director=director
ambassador=ambassador
senator=senator
congressman=congressman
congresswoman=congresswoman
representative=representative
governor=governor
mayor=mayor
king=king
queen=queen
prince=prince
crown prince=crown prince
emir=emir
sheikh=sheikh
pope=pope
patriarch=patriarch
general=general
commander=commander
colonel=colonel
officer=officer
official=official
diplomat=diplomat
negotiator=negotiator
mediator=mediator
lawmaker=lawmaker
legislator=legislator
deputy=deputy
counterpart=counterpart
journalist=journalist
correspondent=correspondent
reporter=reporter
editor=editor
analyst=analyst
lawyer=lawyer
attorney=attorney
attorney general=attorney general
judge=judge
prosecutor=prosecutor
ceo=chief executive
chief executive=chief executive
founder=founder
co-founder=co-founder
owner=owner
executive=executive
coach=coach
captain=captain
economist=economist
professor=professor
scientist=scientist
expert=expert
candidate=candidate
nominee=nominee
son-in-law=son-in-law
daughter=daughter
son=son
wife=wife
husband=husband
ally=ally
friend=friend
emissary=emissary
contractor=contractor
subcontractor=subcontractor
consultant=consultant
engineer=engineer
banker=banker
industrialist=industrialist
magnate=magnate
oligarch=oligarch
activist=activist
lobbyist=lobbyist
chief of staff=chief of staff
representative=representative
commissioner=commissioner
speaker=speaker
broker=broker
dealer=dealer
trader=trader
striker=striker
midfielder=midfielder
defender=defender
goalkeeper=goalkeeper
keeper=keeper
pitcher=pitcher
catcher=catcher
hitter=hitter
outfielder=outfielder
infielder=infielder
shortstop=shortstop
quarterback=quarterback
winger=winger
fullback=fullback
full-back=full-back
flanker=flanker
prop=prop
hooker=hooker
scrum-half=scrum-half
fly-half=fly-half
batsman=batsman
bowler=bowler
wicketkeeper=wicketkeeper
all-rounder=all-rounder
jockey=jockey
trainer=trainer
rider=rider
driver=driver
skipper=skipper
manager=manager
player=player
champion=champion
compatriot=compatriot
team-mate=team-mate
teammate=teammate
opponent=opponent
rival=rival
singer=singer
actor=actor
actress=actress
writer=writer
novelist=novelist
playwright=playwright
dissident=dissident
`

// Role modifiers may precede a role head inside a role phrase.
const roleModifierTable = `special,press,presidential,prime,foreign,deputy,vice,senior,top,chief,former,ex,acting,then,current,interim,outgoing,incoming,new,longtime,long-time,veteran,national,security,defence,defense,finance,economy,economic,trade,interior,justice,health,energy,real,estate,real-estate,state,federal,regional,local,international,executive,managing,general,first,second,lead,principal,personal,close,trusted,key,powerful,influential,wealthy,billionaire,military,intelligence,government,kremlin,white,house,administration,foreign-policy,peace,ukraine,russia,middle,east,presidential-administration,sovereign,wealth,fund,investment,opposition,party,campaign,de,facto,self-proclaimed,elected,designate`

// Organisation keywords: a capitalized name that ends in one is an ORG.
const orgKeywordTable = `Newsroom,Desk,Fund,Bank,Ministry,Agency,Party,Council,Committee,University,Institute,Association,Union,Corporation,Corp,Inc,Ltd,Co,Company,Group,Times,Post,News,Service,Services,Club,FC,Airlines,Airways,Press,Court,Parliament,Assembly,Commission,Department,Office,Organization,Organisation,Federation,Foundation,Bureau,Forces,Army,Navy,Guard,Police,Network,Television,Radio,Daily,Journal,Herald,Tribune,Telegraph,Gazette,Exchange,Reserve,Authority,Board,Senate,Congress,Duma,Rada,Cabinet,Government,Administration,Holdings,Industries,Technologies,Systems,Motors,Energy,Petroleum,Oil,Gas,Capital,Partners,Bancorp,Trust,Society,League,Alliance,Coalition,Movement,Front,Brigade,Brigades,Battalion,Regiment,Watch,Institution,Academy,College,School,Hospital,Centre,Center,Secretariat,Directorate,Inspectorate,Tribunal,Chamber,Observatory,Mission,Monitor,Magazine,Review,Times,Channel,Broadcasting,Media,Standard,Observer,Chronicle,Courier,Examiner,Inquirer,Bulletin,Wire,Digest,Hydro,Airlines,Railways,Police,Guards,Ministries,Publishing,Records,Studios,Pictures,Entertainment,Bancorporation,Zeitung,Shimbun,AG,SA,NV,PLC,plc,Plc,GmbH,LLP,LP,LLC,Inc.,Corp.,Co.,Ltd.,Limited,Incorporated`

// Location keywords: a capitalized name that ends in one is a LOC.
const locKeywordTable = `Street,Avenue,Square,Road,Boulevard,Bridge,River,Lake,Mountains,Mountain,Mount,Island,Islands,Peninsula,Valley,Sea,Ocean,Bay,Gulf,Strait,Canal,Desert,Province,Region,Oblast,Krai,County,District,City,Republic,Kingdom,State,Airport,Port,Harbor,Harbour,Park,Palace,Plaza,Coast,Heights,Hills,Beach,Dam,Reservoir,Station,Residence,Falls,Canyon,Pass,Tunnel,Highway,Lane,Terminal,Stadium,Forest,Glacier,Lagoon,Delta,Basin,Plateau,Embankment,Quay,Pier,Cathedral,Mosque,Temple`

// MISC keywords: a capitalized multi-word name that ends in one is MISC.
const miscKeywordTable = `Summit,Games,Cup,Olympics,Championship,Championships,Open,War,Festival,Award,Awards,Prize,Conference,Forum,Treaty,Accord,Accords,Agreement,Act,Doctrine,Plan,Initiative,Declaration,Protocol,Convention,Trophy,Grand Prix,Series,Tour,Marathon,Classic,Masters,Day,Week`

// Words that are never a name by themselves when capitalized: calendar and
// other words that news text capitalizes.
const calendarTable = `Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday,January,February,March,April,May,June,July,August,September,October,November,December,Jan,Feb,Mar,Apr,Jun,Jul,Aug,Sep,Sept,Oct,Nov,Dec,Mon,Tue,Tues,Wed,Thu,Thur,Thurs,Fri,Sat,Sun,Today,Tomorrow,Yesterday`

// functionWords: common words added by hand to the open list
// (commonwords.txt): function words, and the words of the page furniture that
// pasted news brings along (menus, app banners, subscribe lines).
const functionWords = `a,an,the,and,or,but,nor,so,yet,if,then,than,that,this,these,those,there,here,he,she,it,they,we,you,i,his,her,its,their,our,your,my,him,them,us,me,who,whom,whose,which,what,when,where,why,how,in,on,at,by,for,from,to,of,with,without,about,after,before,during,since,until,under,over,between,among,against,into,onto,upon,through,across,along,around,amid,despite,according,as,also,not,no,yes,all,any,some,each,every,both,either,neither,one,two,three,while,although,though,because,however,meanwhile,moreover,furthermore,still,even,just,only,now,once,again,later,earlier,today,tonight,yesterday,tomorrow,last,next,first,new,more,most,many,much,other,such,very,well,be,is,are,was,were,been,has,have,had,do,does,did,will,would,can,could,should,may,might,must,shall,let,get,see,read,said,says,say,asked,told,added,noted,explore,subscribe,follow,share,click,download,sign,watch,listen,join,don't,don’t,overview,article,logo,image,main,photo,video,source,sources,advertisement,related,comment,comments,add,menu,home,search,login,register,scroll,pick,badge,store,app,apps,global,local,perspective,international,unfiltered,uncensored,unbiased,articles,stories,news,alternative,takes,take,world's,current,neutral,ambiguous,discussions,talks,summit,meeting,constructive,proposal,leads,breakthrough,preparations,focuses,dialogue,raise,raises,hopes,sees,historic,importance,could,mark,turning,point,ties,role,highlighted,mediation,deadline,approaches,peace,progress,visit,prospect,joining,both,sides,satisfied,signal,thaw,relations,full,experience,author,name,continue,reading,editor's,editor’s,picks,trending,popular,latest,top,live,updates,update,breaking,exclusive,opinion,analysis,newsletter,copyright,rights,reserved,terms,privacy,policy,contact,about`

// nameSuffixes: endings common in surnames (Slavic, Georgian, Armenian…);
// an unknown capitalized word with one is taken as a surname.
var nameSuffixes = []string{"ov", "ev", "ova", "eva", "sky", "skiy", "ski", "skaya", "ska", "enko", "chuk", "czuk", "yuk", "iuk", "vich", "vych", "shvili", "dze", "yan", "oglu", "escu", "ovic", "evic", "ić", "yev", "yeva", "ayev", "yyev", "yov", "iev", "ieva"}

var (
	countryCanon map[string]place // folded name → LOC and cluster key
	demonymOf    map[string]string
	placeKeys    map[string]place // folded city/region/country/org/misc names → type and key
	maxPlaceLen  int              // longest gazetteer entry in words
	titles       map[string]bool  // folded title phrases
	maxTitleLen  int
	honorifics   map[string]bool
	roleHeads    map[string]string // folded head phrase → normalized head
	maxHeadLen   int
	roleMods     map[string]bool
	orgKeywords  map[string]bool
	locKeywords  map[string]bool
	miscKeywords map[string]bool
	calendar     map[string]bool
	nonAcronyms  map[string]bool
	functionWord map[string]bool // the hand-made function words (functionWords)
	commonWords  map[string]bool // lower-case English vocabulary
	firstNames   map[string]bool // folded first names
	givenNames   map[string]bool // folded given names of the open lists: weaker evidence
	dictWords    map[string]bool // further lower-case vocabulary (see isDictWord)
)

func init() {
	countryCanon = map[string]place{}
	demonymOf = map[string]string{}
	placeKeys = map[string]place{}
	addPlace := func(name, typ, key string) {
		k := fold(name)
		if k == "" {
			return
		}
		if _, ok := placeKeys[k]; !ok {
			placeKeys[k] = place{typ: typ, key: key}
		}
		if n := len(strings.Fields(k)); n > maxPlaceLen {
			maxPlaceLen = n
		}
	}
	var demonyms []string
	for _, line := range strings.Split(countriesTable, "\n") {
		parts := strings.Split(line, "|")
		if len(parts) != 3 {
			continue
		}
		canon := parts[0]
		key := "loc:" + fold(canon)
		addPlace(canon, "LOC", key)
		countryCanon[fold(canon)] = place{"LOC", key}
		for _, alt := range splitList(parts[1]) {
			addPlace(alt, "LOC", key)
			countryCanon[fold(alt)] = place{"LOC", key}
		}
		for _, d := range splitList(parts[2]) {
			demonymOf[fold(d)] = canon
			demonyms = append(demonyms, d)
		}
	}
	for _, d := range demonyms { // after the country names, which win
		addPlace(d, "MISC", "misc:"+fold(d))
	}
	for _, p := range splitList(placesTable) {
		addPlace(p, "LOC", "loc:"+fold(p))
	}
	for _, line := range strings.Split(orgsTable, "\n") {
		forms := splitListSep(line, "|")
		if len(forms) == 0 {
			continue
		}
		key := "org:" + fold(forms[0])
		for _, f := range forms {
			addPlace(f, "ORG", key)
		}
	}
	for _, m := range splitList(miscTable) {
		addPlace(m, "MISC", "misc:"+fold(m))
	}
	for _, m := range splitList(indexTable) {
		addPlace(m, "MISC", "misc:"+fold(m))
	}
	titles, maxTitleLen = phraseSet(titleTable)
	honorifics, _ = phraseSet(honorificTable)
	roleHeads = map[string]string{}
	for _, line := range strings.Split(roleHeadTable, "\n") {
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		k = fold(k)
		roleHeads[k] = v
		if n := len(strings.Fields(k)); n > maxHeadLen {
			maxHeadLen = n
		}
	}
	roleMods, _ = phraseSet(roleModifierTable)
	orgKeywords = exactSet(orgKeywordTable)
	locKeywords = exactSet(locKeywordTable)
	miscKeywords = exactSet(miscKeywordTable)
	calendar, _ = phraseSet(calendarTable)
	nonAcronyms = exactSet(nonEntityAcronyms)
	commonWords = map[string]bool{}
	for _, w := range strings.Split(commonWordsText, "\n") {
		if w = strings.TrimSpace(w); w != "" && !strings.HasPrefix(w, "#") {
			commonWords[fold(w)] = true
		}
	}
	functionWord = map[string]bool{}
	for _, w := range splitList(functionWords) {
		commonWords[fold(w)] = true
		functionWord[fold(w)] = true
	}
	dictWords = map[string]bool{}
	for _, w := range strings.Split(dictWordsText, "\n") {
		if w = strings.TrimSpace(w); w != "" && !strings.HasPrefix(w, "#") {
			if k := fold(w); !commonWords[k] {
				dictWords[k] = true
			}
		}
	}
	firstNames = map[string]bool{}
	for _, w := range strings.Fields(firstNamesTable) {
		firstNames[fold(w)] = true
	}
	for _, g := range nameGroups {
		for _, w := range g {
			firstNames[fold(w)] = true
		}
	}
	// world cities last: every table above wins over them
	for _, c := range strings.Split(citiesText, "\n") {
		if c = strings.TrimSpace(c); c == "" || strings.HasPrefix(c, "#") {
			continue
		}
		if k := fold(c); !firstNames[k] && !commonWords[k] {
			addPlace(c, "LOC", "loc:"+k)
		}
	}
	// given names of the open lists: only those that name nothing else
	givenNames = map[string]bool{}
	for _, w := range strings.Split(givenNamesText, "\n") {
		if w = strings.TrimSpace(w); w == "" || strings.HasPrefix(w, "#") {
			continue
		}
		k := fold(w)
		if _, ok := placeKeys[k]; ok || len(k) < 3 || particles[k] || commonWords[k] || dictWords[k] || firstNames[k] || titles[k] || honorifics[k] || calendar[k] {
			continue
		}
		givenNames[k] = true
	}
}

func splitList(s string) []string { return splitListSep(s, ",") }

func splitListSep(s, sep string) []string {
	var out []string
	for _, p := range strings.Split(s, sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// phraseSet folds each comma-separated phrase and returns the set and the
// longest phrase length in words.
func phraseSet(s string) (map[string]bool, int) {
	m := map[string]bool{}
	n := 0
	for _, p := range splitList(s) {
		k := fold(p)
		m[k] = true
		if l := len(strings.Fields(k)); l > n {
			n = l
		}
	}
	return m, n
}

// exactSet keeps the case of each word: keywords must be capitalized.
func exactSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, p := range splitList(s) {
		m[p] = true
	}
	return m
}

// CountryOf returns the country a demonym or nationality adjective refers to
// ("Uzbek" → "Uzbekistan", "American" → "United States"), or "" when the
// word is not a known demonym.
func CountryOf(demonym string) string { return demonymOf[fold(demonym)] }
