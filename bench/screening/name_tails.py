"""The long tail of surnames for the synthetic screening benchmark.

`name_data` lists each country's few dozen most common surnames. Alone they make a million
people far more alike than any real population: at 1M records every listed name is shared
by dozens of people, and a query that shows a name and a year often fits several records
(23 % of the positive queries at 1M, against 3 % at 20k). Real surname systems are mostly
productive: a stem (a given name, a trade, a place, a colour) and the language's suffix or
prefix, which is how Petrosyan, Beridze, Hosseinzadeh, Nazarenko, Karakaya, Ashford or
Villanueva came about. This module composes such surnames by each language's own rule from
stems written by hand for this benchmark; `generate.py` draws a person's surname from this
tail or from the head list (`--tail-share`).

Each country's tail is a string in `name_data`'s entry syntax for that country
(``native=Latin1/Latin2`` where the Latin spellings are given by hand, ``masc|fem`` for
Greek), so `generate.py` builds it with the same code as the head. Names the head already
has are left out.
"""

from __future__ import annotations

from collections.abc import Iterable

import name_data as nd

# Hebrew letters that take a final form at the end of a word
_HEBREW_FINAL = str.maketrans("ךםןףץ", "כמנפצ")


def written_name(entry: str) -> str:
    """The name an entry writes first: its native form, or its masculine one."""
    return entry.split("=")[0].split("|")[0]


def _join(entries: Iterable[str], head: str) -> str:
    seen = {written_name(e) for e in _entries(head)}
    out: list[str] = []
    for entry in entries:
        key = written_name(entry)
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return ",".join(out)


def _entries(spec: str) -> list[str]:
    # (generate._split_entries, which this module cannot import: generate imports it)
    return [e.strip() for e in spec.split(",") if e.strip()]


def _hand(stems: str, suffixes: str, after_consonant: tuple[str, ...] = ()) -> list[str]:
    """Entries ``native=Latin...`` of every stem with every suffix, both written
    ``native=Latin1/Latin2``; the spellings multiply (first with first is the passport form).
    A suffix listed in `after_consonant` is not put after a stem whose Latin ends in a vowel."""
    out = []
    for stem in _entries(stems):
        s_native, s_latins = stem.split("=")
        s_forms = s_latins.split("/")
        for suffix in _entries(suffixes):
            x_native, x_latins = suffix.split("=")
            if x_native in after_consonant and s_forms[0][-1] in "aeiouy":
                continue
            native = s_native.translate(_HEBREW_FINAL) + x_native
            forms = [a + b for a in s_forms for b in x_latins.split("/")][:4]
            out.append(f"{native}={'/'.join(forms)}")
    return out


def _russian() -> list[str]:
    # -ov after a hard consonant, -ev after a soft one or a hushing consonant, -in after -a;
    # the same stems also make -ovsky / -insky surnames of place
    out = []
    for stem in _entries(_RU_STEMS):
        if stem.endswith("а") or stem.endswith("я"):
            base = stem[:-1] + "ин"
            out += [base, base + "ский"]
        elif stem.endswith(("й", "ь")):
            out.append(stem[:-1] + "ев")
        elif stem.endswith(("ж", "ш", "ч", "щ", "ц")):
            out.append(stem + "ев")
        else:
            out += [stem + "ов", stem + "овский"]
    return out


_RU_STEMS = (
    "Агап,Аксен,Анисим,Бажен,Барсук,Белоус,Бобр,Богат,Бород,Бутурл,Вихр,Волк,Воронц,Глазк,"
    "Голов,Горох,Греч,Гуляй,Дроздк,Дуб,Ерш,Жаворонк,Жук,Зим,Зубк,Игнат,Казанц,Калач,Камен,"
    "Карась,Кирсан,Клен,Колесн,Комар,Коршун,Косар,Крюк,Кулик,Курган,Лапт,Лебяж,Лис,Лобан,Луг,"
    "Мамонт,Маслен,Мед,Мешк,Молчан,Мурат,Нагорн,Овс,Остр,Панкрат,Пахом,Пестр,Плетн,Пуш,"
    "Рогож,Рябц,Сабур,Садк,Самсон,Сверчк,Сед,Сизых,Сом,Стрельц,Сурк,Табак,Терент,Толмач,Трух,"
    "Тучк,Уст,Филат,Хват,Холм,Цыганк,Чеботар,Черемис,Шар,Шилк,Щегл,Юрк,Ягод,Якуш,Ясен,"
    "Кузьма,Фома,Савва,Никита,Илья,Лука,Ерёма,Сёма,Гурий,Лукий,Игорь,Арсений,Евсей,Мирон,"
    "Прохор,Назар,Ефрем,Тихон,Денис,Захар,Кондрат,Онисим,Потап,Родион,Святослав,Трофим"
)


def _ukrainian() -> list[str]:
    out = []
    for stem in _entries(_UA_STEMS):
        if stem.endswith("ь"):
            out += [stem[:-1] + "енко", stem + "чук"]
        elif stem.endswith(("ш", "ч")):
            out.append(stem + "енко")
        else:
            out += [stem + "енко", stem + "чук", stem + "ишин"]
    return out


_UA_STEMS = (
    "Гнат,Назар,Остап,Семен,Степан,Федор,Яким,Юхим,Мирон,Панас,Прокоп,Кирил,Сидор,Данил,"
    "Охрім,Ярем,Дорош,Максим,Марк,Мартин,Пилип,Коваль,Бондар,Гончар,Кушнір,Стельмах,Тарас,"
    "Гаврил,Климент,Лесь,Влас"
)


def _kazakh() -> list[str]:
    out = []
    for stem_entry in _entries(_KZ_STEMS):
        native, latin = stem_entry.split("=")
        if native.endswith("й"):
            out.append(f"{native[:-1]}ев={latin[:-1]}yev/{latin[:-1]}ev")
            continue
        if native[-1] in "аеиоуұүіыэәө":
            out.append(f"{native}ев={latin}yev/{latin}ev")
        else:
            out.append(f"{native}ов={latin}ov")
        # a given name and -бай / -бек, then -ев / -ов: Серікбаев, Нұрбеков
        out.append(f"{native}баев={latin}bayev/{latin}baev")
        out.append(f"{native}беков={latin}bekov")
    return out


_KZ_STEMS = (
    "Нұрлан=Nurlan,Серік=Serik,Асқар=Askar,Төлеген=Tolegen,Ерлан=Erlan,Бақыт=Bakyt,"
    "Қайрат=Kairat,Мұрат=Murat,Дәулет=Daulet,Ержан=Yerzhan,Бауыржан=Baurzhan,Талғат=Talgat,"
    "Ғалым=Galym,Есен=Yesen,Сапар=Sapar,Тоқтар=Toktar,Жақсылық=Zhaksylyk,Әбдібай=Abdibai,"
    "Исақ=Issak,Қали=Kali,Ыбырай=Ybyrai,Байжан=Baizhan,Темір=Temir,Жанбол=Zhanbol,"
    "Құдайберген=Kudaibergen,Тілеу=Tileu,Мақсұт=Maksut,Сейіт=Seit,Рахым=Rakhym,Шәмші=Shamshi,"
    "Бекмұхамбет=Bekmukhambet,Дүйсен=Duisen,Есім=Yesim,Жолдас=Zholdas,Кенжебай=Kenzhebai,"
    "Мырзахмет=Myrzakhmet,Сәрсен=Sarsen,Тұрар=Turar,Шайхы=Shaikhy,Әмір=Amir"
)

_IR_STEMS = (
    "حسین=Hossein/Hosein,علی=Ali,رضا=Reza,احمد=Ahmad,کریم=Karim,رحیم=Rahim,جعفر=Jafar,"
    "صادق=Sadegh/Sadeq,مراد=Morad/Murad,امیر=Amir,ابراهیم=Ebrahim/Ibrahim,"
    "اسماعیل=Esmaeil/Esmail,قاسم=Ghasem/Qasem,تقی=Taghi/Taqi,نقی=Naghi/Naqi,باقر=Bagher/Baqer,"
    "حیدر=Heidar/Heydar,یوسف=Yousef/Yusef,موسی=Mousa/Musa,شریف=Sharif,فاضل=Fazel,"
    "کاظم=Kazem,هادی=Hadi,مهدی=Mahdi/Mehdi,سلیمان=Soleiman/Soleyman,جلال=Jalal,کمال=Kamal,"
    "منصور=Mansour/Mansur,نصیر=Nasir,شکور=Shakour/Shakur,غفور=Ghafour/Ghafur,قربان=Ghorban,"
    "عباس=Abbas,اکبر=Akbar,اصغر=Asghar,ملک=Malek,بهرام=Bahram,داوود=Davoud/Davood,"
    "نصرالله=Nasrollah,حبیب=Habib"
)
_IR_SUFFIXES = "زاده=zadeh/zade,پور=pour/pur,نژاد=nejad/nezhad,ی=i,یان=ian/yan"

_AE_ROOTS = (
    "رميثي=Rumaithi/Romaithi,مهيري=Muhairi/Mheiri,زعابي=Zaabi/Za'abi,شحي=Shehhi/Shihhi,"
    "عامري=Ameri/Amiri,مري=Marri/Murri,بلوشي=Balooshi/Baloushi,حمادي=Hammadi/Hamadi,"
    "خييلي=Khaili/Khyeli,قبيسي=Qubaisi/Qubaisy,سويدي=Suwaidi/Suwaidy,"
    "جنيبي=Junaibi/Jneibi,كتبي=Ketbi/Kutbi,طنيجي=Tunaiji/Tneiji,حوسني=Hosani/Housani,"
    "نيادي=Neyadi/Niyadi,عليلي=Alili/Aleeli,دهماني=Dhahmani/Dahmani,حمودي=Hamoudi/Hammoudi,"
    "يماحي=Yammahi/Yamahi,حبسي=Habsi/Hebsi,خوري=Khouri/Khoury,عبدولي=Abdouli/Abduli,"
    "رئيسي=Raeesi/Raisi,بستكي=Bastaki/Bastaky,عوضي=Awadhi/Awadi,جسمي=Jasmi/Jassmi,"
    "مطوع=Mutawa/Mutawaa,بدواوي=Badwawi/Badawi,زرعوني=Zarooni/Zarouni,"
    "عطار=Attar/Atar,غفلي=Ghafli/Ghefli,كندي=Kindi/Kendi,منهالي=Menhali/Minhali,"
    "عرياني=Aryani/Ariani,سعدي=Saadi/Sa'adi,مطروشي=Matrooshi/Matroushi,علوي=Alawi/Alawy,"
    "بلوكي=Balooki/Balouki,تميمي=Tamimi/Tameemi,حربي=Harbi/Harby,زهراني=Zahrani/Zahrany,"
    "شمري=Shammari/Shamari,عتيبي=Otaibi/Utaybi,غامدي=Ghamdi/Ghamedi,قحطاني=Qahtani/Kahtani,"
    "مالكي=Maliki/Malki,دوسري=Dosari/Dawsari,عنزي=Anazi/Enezi,جابري=Jabri/Jaberi,"
    "سبيعي=Subaie/Subai,شهري=Shehri/Shahri,عمري=Omari/Umari,يافعي=Yafei/Yafai,"
    "كثيري=Kathiri/Katheeri,بيضاني=Baidani/Beidani,حضرمي=Hadrami/Hadhrami,نقبي=Naqbi/Nagbi,"
    "شرقي=Sharqi/Sharqy,مرزوقي=Marzouqi/Marzooqi,هاملي=Hamli/Hameli,كعبي=Kaabi/Ka'abi,"
    "دهيري=Dhuhoori/Dhehiri,ساعدي=Saedi/Saadi"
)


def _arabic() -> list[str]:
    # the nisba with the article: al-Rumaithi, Al Rumaithi, Alrumaithi
    out = []
    for root in _entries(_AE_ROOTS):
        native, latins = root.split("=")
        forms = latins.split("/")
        spellings = [f"Al {forms[0]}", f"Al-{forms[0]}", f"Al{forms[0].lower()}"]
        spellings += [f"Al {f}" for f in forms[1:]]
        out.append(f"ال{native}={'/'.join(spellings)}")
    return out


_IL_STEMS = (
    "גולד=Gold,רוזן=Rosen/Rozen,זילבר=Silber/Zilber,גרין=Grin/Green,וייס=Weiss/Vais,"
    "שוורץ=Schwartz/Shvarts,פריד=Fried/Frid,בלום=Blum/Bloom,ליב=Lieb/Liv,אייזן=Eisen/Aizen,"
    "רוט=Roth/Rot,קירש=Kirsch/Kirsh,הירש=Hirsch/Hirsh,ליכט=Licht/Likht,גרון=Grun/Gruen,"
    "אפל=Appel/Apel,וולף=Wolf/Volf"
)
_IL_SUFFIXES = (
    "ברג=berg,מן=man/mann,שטיין=stein/shtein,פלד=feld,בוים=baum/boim,בלט=blatt/blat,טל=thal/tal"
)

_IN_SURNAMES = (
    "बंसल=Bansal,मित्तल=Mittal,गोयल=Goyal,सिंघल=Singhal,मेहता=Mehta,देसाई=Desai,"
    "कुलकर्णी=Kulkarni,देशपांडे=Deshpande,पाटिल=Patil,जाधव=Jadhav,पवार=Pawar,शिंदे=Shinde,"
    "चव्हाण=Chavan/Chavhan,गायकवाड=Gaikwad,भोसले=Bhosale,नायर=Nair,मेनन=Menon,पिल्लई=Pillai,"
    "अय्यर=Iyer,नायडू=Naidu,त्रिपाठी=Tripathi,दुबे=Dubey/Dube,उपाध्याय=Upadhyay,"
    "चतुर्वेदी=Chaturvedi,द्विवेदी=Dwivedi,त्रिवेदी=Trivedi,शुक्ला=Shukla,सक्सेना=Saxena,"
    "माथुर=Mathur,निगम=Nigam,भटनागर=Bhatnagar,कपूर=Kapoor/Kapur,खन्ना=Khanna,"
    "मल्होत्रा=Malhotra,अरोड़ा=Arora,सेठी=Sethi,बत्रा=Batra,आहूजा=Ahuja,भाटिया=Bhatia,"
    "गिल=Gill,संधू=Sandhu,ढिल्लों=Dhillon,ग्रेवाल=Grewal,सिद्धू=Sidhu,बाजवा=Bajwa,"
    "राठौड़=Rathore/Rathod,चौहान=Chauhan,सोलंकी=Solanki,परमार=Parmar,ठाकुर=Thakur,"
    "मौर्य=Maurya,कुशवाहा=Kushwaha,प्रजापति=Prajapati,विश्वकर्मा=Vishwakarma,बघेल=Baghel,"
    "साहू=Sahu,बनर्जी=Banerjee,मुखर्जी=Mukherjee,चटर्जी=Chatterjee,घोष=Ghosh,बोस=Bose,"
    "दत्ता=Dutta/Datta,सेन=Sen,दास=Das,भट्ट=Bhatt/Bhat,नागर=Nagar,रस्तोगी=Rastogi,"
    "गर्ग=Garg,सूद=Sood,तनेजा=Taneja,चड्ढा=Chadha,कोहली=Kohli,धवन=Dhawan,बेदी=Bedi,"
    "रैना=Raina,कौल=Kaul,भंडारी=Bhandari,नेगी=Negi,रावत=Rawat,बिष्ट=Bisht"
)
# Marathi surnames of place: a village and -kar (Tendulkar, Mangeshkar); -wal, of a town
_IN_PLACES = (
    "तेंडुल=Tendul,गावस=Gavas,मंगेश=Mangesh,आगर=Agar,वाडे=Wade,पेडणे=Pedne,शिरोड=Shirod,"
    "मालवण=Malvan,राजापूर=Rajapur,कोल्हापूर=Kolhapur,बांदे=Bande,वेंगुर्ले=Vengurle,"
    "दाभोल=Dabhol,चिपळूण=Chiplun,केळ=Kel,साखर=Sakhar,नार्वे=Narve,पालशेत=Palshet,"
    "सातार=Satar,गोर=Gor,मुळे=Mule,देव=Dev,बर्वे=Barve,कुडाळ=Kudal,आजगाव=Ajgaon,"
    "जैस=Jais,खंडेल=Khandel,पोर=Por,बर्न=Barn,माहेश=Mahesh,बाग=Bag,सभर=Sabhar"
)
_IN_SUFFIXES = "कर=kar,वाल=wal/waal"

_GE_STEMS = (
    "ბერი,გიორგა,ლომი,აბულა,კაპანა,მაისურა,გელა,კვირიკა,ნათელა,მამუკა,ბაქრა,ჯავახი,"
    "მეგრელი,ხუცი,ქავთარა,სამხარა,გოგი,ტაბატა,ცერცვა,ჩიტა,დავითა,ლაშა,ონია,ბაში,თევზა,"
    "კობა,ნინო,ზაქარა,ვარდი,მიქელა,ავალი,ბარამი,გაბუნი,დათუნა,ელიზბარა,ვახტანგა,თამაზა,"
    "იაშვი,კახა,ლევანი,მერაბი,ნოდარი,ოთარა,პაპუნა,რევაზი,სოსო,ტარიელა,ფრიდონა,ქეთევა,"
    "ღლონტი,ყიფი,შალვა,ჩოლოყა,ცისკარი,ძაგნი"
)
_GE_SUFFIXES = "ძე,შვილი"

_AM_STEMS = (
    "Սիմոն,Բաղդասար,Թադևոս,Մինաս,Մելքոն,Ներսես,Օհան,Պողոս,Սահակ,Տիգրան,Աշոտ,Արամ,Գալուստ,"
    "Դավիթ,Եղիազար,Զաքար,Համբարձում,Մաթևոս,Շահին,Ոսկան,Չոբան,Ռուբեն,Վահան,Քալանթար,"
    "Առաքել,Ստեփան,Հակոբ,Մարկոս,Անդրեաս,Գաբրիել,Դանիել,Իսրայել,Լևոն,Միքայել,Նազար,"
    "Շմավոն,Սողոմոն,Փիլիպոս,Ֆրանգուլ,Դարբին,Նալբանդ,Տերտեր,Ջուլհակ,Աբրահամ,Ալեքսան,"
    "Արտաշես,Բաբկեն,Գարեգին,Գուրգեն,Դերենիկ,Երվանդ,Զոհրաբ,Թորոս,Իշխան,Լազար,Խոսրով,"
    "Կիրակոս,Հայկ,Ղուկաս,Մամիկոն,Մուշեղ,Նշան,Շավարշ,Պարույր,Ռաֆայել,Սեդրակ,Սմբատ,"
    "Վաղարշակ,Տաճատ,Փայլակ,Քրիստափոր,Օնիկ,Գասպար,Մեսրոպ,Հմայակ"
)

_GR_STEMS = (
    "Γεωργ,Νικολ,Δημητρ,Αντων,Χριστ,Σταυρ,Βασιλ,Αθανασ,Ιωανν,Πετρ,Σπυρ,Θεοδωρ,Αλεξ,Μαρκ,Παυλ,"
    "Λαμπρ,Μαυρ,Κουτσ,Λιακ,Τσακ,Μιχαλ,Γιαννακ,Ζαχαρ,Σωτηρ,Παναγ,Στεφαν,Κυριακ,Ηλι,Φιλιππ,Ραφτ"
)
_GR_SUFFIXES = "όπουλος|οπούλου,ίδης|ίδου,άκης|άκη,άτος|άτου"

_TR_FIRST = "Öz,Kara,Ak,Er,Gül,Ay,Yıldız,Demir,Taş,Kaya,Al,Bay,Şen,Uz,Tun,Sarı,Gök,Bal,Kızıl,Çoban"
_TR_SECOND = "türk,kaya,demir,taş,han,can,soy,oğlu,er,doğan,bulut,tekin,koç,yol,gün,ekinci"

_RW_FIRST = (
    "Habi,Nsengi,Uwi,Hakizi,Nshimiyi,Bizi,Hageni,Muka,Ndayi,Niyo,Tuyi,Nkuru,Ntaki,Twiza,"
    "Nzabo,Mani,Ndagi,Kayi"
)
_RW_SECOND = "mana,yimana,nzima,senga,kunda,nziza,saba,shimwe"

_COMPOUNDS: dict[str, tuple[str, str]] = {
    "de": (
        "Stein,Rosen,Linden,Berg,Schön,Hoch,Kirch,Sonnen,Eich,Wald,Weiß,Schwarz,Grün,Neu,Alt,"
        "Rot,Brunn,Hessel,Falken,Bruck",
        "berg,feld,thal,bach,mann,hof,dorf,hausen,stein,baum,wald,hagen",
    ),
    "gb": (
        "Ash,Black,White,Brook,Brad,Hart,Kings,Wood,Stan,Whit,Ather,Ship,Red,Hol,Mid,Pres,"
        "Thorn,Bur,Lang",
        "ley,ford,ton,field,wood,well,by,worth,more,combe,ham",
    ),
    "it": (
        "Ross,Marin,Ferr,Bell,Cont,Gall,Martin,Fabbr,Mor,Grass,Cas,Leon,Sant,Ser,Pell,Fior,"
        "Bern,Capp,Ald,Mancin",
        "i,ini,etti,elli,one",
    ),
    "es": (
        "Villa,Monte,Val,Casa,Torre,Fuente,Peña,Castel,Sola,Campo,Piedra,Vega",
        "nueva,real,verde,blanca,alta,negro,llana,franca,mayor,hermosa,seca,fría,rubia,larga",
    ),
    "br": (
        "Vila,Monte,Vale,Casa,Torre,Fonte,Pena,Castel,Campo,Pedra,Ribeira,Serra",
        "nova,real,verde,branca,alta,negro,mor,seca,fria,bela,longa,clara,funda,grande",
    ),
}
# Spanish-speaking countries share Spain's rule
_COMPOUNDS["mx"] = _COMPOUNDS["co"] = _COMPOUNDS["ar"] = _COMPOUNDS["es"]
# French surnames of a particle and a word, Dutch ones of a particle, a space and a word
_FRENCH = {
    "Du": "pont,bois,mont,val,moulin,four,pré,chêne,puy,fresne,breuil,rocher,champ,bourg,"
    "mesnil,bost,plessis,hamel,pin,sart,vernay,teil,fay,buisson,jardin,rieu,castel,parc,"
    "pommier",
    "Le": "blanc,brun,roux,noir,grand,petit,gros,fort,beau,clerc,maître,comte,moine,febvre,"
    "normand,breton,gall,maire,page,prêtre,sage,vasseur,bon,guen,goff,bihan,meur,cocq,duc,bras",
    "La": "roche,fontaine,croix,combe,garde,haye,porte,salle,tour,marche,grange,forge,rivière,"
    "motte,vigne,borde,valette,chapelle,lande,fosse",
}
_DUTCH_PARTICLES = "van,van de,van der,van den"
_DUTCH_WORDS = (
    "Berg,Dijk,Meer,Veen,Beek,Broek,Wijk,Hoven,Bosch,Heuvel,Linden,Velde,Laan,Hout,Dam,Vliet,"
    "Zanden,Wal,Horst,Weide"
)


def _compound(first: str, second: str) -> list[str]:
    return [a + b for a in _entries(first) for b in _entries(second)]


def _french() -> list[str]:
    return [particle + word for particle, words in _FRENCH.items() for word in _entries(words)]


def _dutch() -> list[str]:
    return [f"{p} {w}" for p in _entries(_DUTCH_PARTICLES) for w in _entries(_DUTCH_WORDS)]


def tails() -> dict[str, str]:
    """Each country's tail of surnames, in `name_data`'s entry syntax for that country."""
    out = {
        "ru": _join(_russian(), nd.RU_SURNAMES),
        "ua": _join(_ukrainian(), nd.UA_SURNAMES),
        "kz": _join(_kazakh(), nd.KZ_SURNAMES),
        "ir": _join(_hand(_IR_STEMS, _IR_SUFFIXES, after_consonant=("ی",)), nd.IR_SURNAMES),
        "ae": _join(_arabic(), nd.AE_SURNAMES),
        "il": _join(_hand(_IL_STEMS, _IL_SUFFIXES), nd.IL_SURNAMES),
        "in": _join([*_entries(_IN_SURNAMES), *_hand(_IN_PLACES, _IN_SUFFIXES)], nd.IN_SURNAMES),
        "ge": _join(_compound(_GE_STEMS, _GE_SUFFIXES), nd.GE_SURNAMES),
        "am": _join([s + "յան" for s in _entries(_AM_STEMS)], nd.AM_SURNAMES),
        "gr": _join(
            [
                f"{s}{m}|{s}{f}"
                for s in _entries(_GR_STEMS)
                for m, f in (x.split("|") for x in _entries(_GR_SUFFIXES))
            ],
            nd.GR_SURNAMES,
        ),
        "tr": _join(_compound(_TR_FIRST, _TR_SECOND), nd.TR_SURNAMES),
        "rw": _join(_compound(_RW_FIRST, _RW_SECOND), nd.RW_SURNAMES),
        "fr": _join(_french(), nd.WE["fr"][2]),
        "nl": _join(_dutch(), nd.WE["nl"][2]),
    }
    for code, (first, second) in _COMPOUNDS.items():
        head = nd.WE[code][2] if code in nd.WE else nd.LATAM[code][2]
        out[code] = _join(_compound(first, second), head)
    return out
