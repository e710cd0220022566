"""Per-country name lists for the synthetic screening benchmark.

Written by hand for this benchmark. The names are the common given names and surnames of
each country as listed in public statistics, chiefly the Wikipedia articles "List of most
common surnames in Asia / Europe / Africa", "Most popular given names", "Korean name",
"Chinese surname", "Japanese name", "Arabic name", "Eastern Slavic naming customs",
"Kazakh name", "Georgian name", "Armenian name", "Greek name", "Indian name",
"Hebrew name", "Rwandan name" and national statistics offices quoted there
(e.g. Statistics Korea 2015 census surname counts, Turkish Statistical Institute surname
ranking). Romanised variants are the spellings seen in passports and press for the same
name; they are facts about usage, not copied text.

Entry syntax, one string per list, entries separated by ``,``:

- ``native=Latin1/Latin2`` : native script form and its Latin spellings, the first being
  the usual passport form. When the ``=...`` part is missing the Latin forms are made by
  ICU transliteration (see generate.py).
- Latin-script countries give ``Latin1/Latin2`` only.
- Slavic given names carry their patronymics: ``Иван:Иванович:Ивановна``.
- Gendered surnames: ``masculine|feminine`` (Greek); Slavic feminine forms are derived.
- Korean and Chinese given names are composed of syllables:
  ``native=common/RR/McCune-Reischauer`` and ``hanzi=pinyin/Wade-Giles``.
"""

from __future__ import annotations

RU_MALE = (
    "Александр:Александрович:Александровна,Сергей:Сергеевич:Сергеевна,"
    "Дмитрий:Дмитриевич:Дмитриевна,Андрей:Андреевич:Андреевна,Алексей:Алексеевич:Алексеевна,"
    "Иван:Иванович:Ивановна,Михаил:Михайлович:Михайловна,Николай:Николаевич:Николаевна,"
    "Владимир:Владимирович:Владимировна,Евгений:Евгеньевич:Евгеньевна,Юрий:Юрьевич:Юрьевна,"
    "Виктор:Викторович:Викторовна,Олег:Олегович:Олеговна,Павел:Павлович:Павловна,"
    "Артём:Артёмович:Артёмовна,Максим:Максимович:Максимовна,Игорь:Игоревич:Игоревна,"
    "Константин:Константинович:Константиновна,Роман:Романович:Романовна,"
    "Василий:Васильевич:Васильевна,Григорий:Григорьевич:Григорьевна,Пётр:Петрович:Петровна,"
    "Анатолий:Анатольевич:Анатольевна,Вячеслав:Вячеславович:Вячеславовна"
)
RU_FEMALE = (
    "Елена,Ольга,Наталья,Татьяна,Ирина,Анна,Мария,Екатерина,Светлана,Юлия,Анастасия,Ксения,"
    "Людмила,Галина,Дарья,Валентина,Надежда,Любовь,Марина,Вера,Алёна,Полина,Софья,Евгения"
)
RU_SURNAMES = (
    "Иванов,Смирнов,Кузнецов,Попов,Васильев,Петров,Соколов,Михайлов,Новиков,Фёдоров,Морозов,"
    "Волков,Алексеев,Лебедев,Семёнов,Егоров,Павлов,Козлов,Степанов,Николаев,Орлов,Андреев,"
    "Макаров,Никитин,Захаров,Зайцев,Соловьёв,Борисов,Яковлев,Григорьев,Романов,Воробьёв,"
    "Сергеев,Кузьмин,Фролов,Александров,Дмитриев,Королёв,Гусев,Киселёв,Ильин,Максимов,"
    "Поляков,Сорокин,Виноградов,Ковалёв,Белов,Медведев,Антонов,Тарасов,Жуков,Баранов,"
    "Филиппов,Комаров,Давыдов,Беляев,Герасимов,Богданов,Осипов,Сидоров,Матвеев,Титов,Марков,"
    "Миронов,Крылов,Куликов,Карпов,Власов,Мельников,Денисов,Гаврилов,Тихонов,Казаков,"
    "Афанасьев,Данилов,Савельев,Тимофеев,Фомин,Чернов,Абрамов,Мартынов,Ефимов,Федотов,"
    "Щербаков,Назаров,Калинин,Исаев,Чернышёв,Быков,Маслов,Родионов,Коновалов,Лазарев,Воронин,"
    "Климов,Филатов,Пономарёв,Голубев,Кудрявцев,Прохоров,Наумов,Потапов,Журавлёв,Овчинников,"
    "Трофимов,Леонов,Соболев,Ермаков,Колесников,Гончаров,Емельянов,Никифоров,Грачёв,Котов,"
    "Гришин,Ефремов,Архипов,Громов,Кириллов,Малышев,Панов,Моисеев,Румянцев,Акимов,Кондратьев,"
    "Бирюков,Горбунов,Анисимов,Ерёмин,Тихомиров,Галкин,Лукьянов,Михеев,Скворцов,Юдин,Белоусов,"
    "Нестеров,Симонов,Прокофьев,Харитонов,Князев,Цветков,Левин,Митрофанов,Воронов,Аксёнов,"
    "Софронов,Мальцев,Логинов,Горшков,Савин,Краснов,Майоров,Демидов,Елисеев,Рыбаков,Сафонов,"
    "Плотников,Дёмин,Хохлов,Жданов,Руденко,Шевченко,Бондаренко,Зуев,Блинов,Шубин,Шилов,"
    "Островский,Вишневский,Жуковский,Ковальский,Покровский,Соколовский,Успенский,Троицкий"
)

UA_MALE = (
    "Олександр:Олександрович:Олександрівна,Андрій:Андрійович:Андріївна,"
    "Сергій:Сергійович:Сергіївна,Володимир:Володимирович:Володимирівна,"
    "Дмитро:Дмитрович:Дмитрівна,Іван:Іванович:Іванівна,Микола:Миколайович:Миколаївна,"
    "Юрій:Юрійович:Юріївна,Віктор:Вікторович:Вікторівна,Петро:Петрович:Петрівна,"
    "Василь:Васильович:Василівна,Тарас:Тарасович:Тарасівна,Богдан:Богданович:Богданівна,"
    "Михайло:Михайлович:Михайлівна,Олег:Олегович:Олегівна,Ігор:Ігорович:Ігорівна,"
    "Євген:Євгенович:Євгенівна,Остап:Остапович:Остапівна"
)
UA_FEMALE = (
    "Олена,Наталія,Тетяна,Ірина,Оксана,Юлія,Марія,Анна,Світлана,Людмила,Галина,Ольга,Катерина,"
    "Вікторія,Ганна,Софія,Христина,Леся,Лариса,Надія"
)
UA_SURNAMES = (
    "Шевченко,Коваленко,Бондаренко,Ткаченко,Кравченко,Мельник,Бойко,Коваль,Олійник,Шевчук,"
    "Поліщук,Лисенко,Савченко,Руденко,Марченко,Петренко,Клименко,Павленко,Кравчук,Кузьменко,"
    "Мороз,Гончаренко,Левченко,Харченко,Карпенко,Швець,Мельничук,Литвиненко,Савчук,Ткачук,"
    "Приходько,Романенко,Кушнір,Кириленко,Гаврилюк,Яковенко,Сидоренко,Костенко,Демченко,"
    "Пономаренко,Тимошенко,Гриценко,Зінченко,Вакуленко,Іваненко,Захарченко,Остапенко,"
    "Юрченко,Дмитренко,Мазур,Панченко,Ярошенко,Антоненко,Степаненко,Бабенко,Онищенко,"
    "Білик,Гуменюк,Василенко,Нестеренко"
)

# Kazakh given names in Kazakh Cyrillic; patronymics are derived (Russian style and ұлы/қызы).
KZ_MALE = (
    "Нұрсұлтан=Nursultan,Ерлан=Yerlan/Erlan,Асхат=Askhat/Askat,Дәурен=Dauren/Dauren,"
    "Бауыржан=Bauyrzhan/Baurzhan/Bauirzhan,Ержан=Yerzhan/Erzhan,Нұрлан=Nurlan,Серік=Serik,"
    "Арман=Arman,Талғат=Talgat/Talghat,Қайрат=Kairat/Kayrat/Qairat,Мұрат=Murat,"
    "Асқар=Askar/Asqar,Марат=Marat,Ғалым=Galym/Ghalym,Жандос=Zhandos/Jandos,"
    "Дархан=Darkhan/Darhan,Ермек=Yermek/Ermek,Бекзат=Bekzat,Нұржан=Nurzhan/Nurjan,"
    "Айдос=Aidos/Aydos,Әділет=Adilet,Темірлан=Temirlan,Ғабит=Gabit/Ghabit,Санжар=Sanzhar/Sanjar"
)
KZ_FEMALE = (
    "Айгүл=Aigul/Aygul,Гүлнар=Gulnar,Айжан=Aizhan/Ayzhan/Aijan,Динара=Dinara,Жанар=Zhanar/Janar,"
    "Әсел=Assel/Asel,Сәуле=Saule,Мадина=Madina,Әйгерім=Aigerim/Aygerim,Назира=Nazira,"
    "Салтанат=Saltanat,Гүлмира=Gulmira,Жансая=Zhansaya/Zhansaia,Ақмарал=Akmaral/Aqmaral,"
    "Гаухар=Gaukhar/Gauhar,Ботагөз=Botagoz,Мөлдір=Moldir,Аружан=Aruzhan/Arujan,"
    "Дана=Dana,Балжан=Balzhan"
)
KZ_SURNAMES = (
    "Назарбаев=Nazarbayev/Nazarbaev,Тоқаев=Tokayev/Tokaev/Toqaev,Ахметов=Akhmetov/Ahmetov,"
    "Омаров=Omarov,Сүлейменов=Suleimenov/Suleymenov/Suleymanov,Исмаилов=Ismailov/Ismaylov,"
    "Қасымов=Kassymov/Kasymov/Qasymov,Оспанов=Ospanov,Жұмабаев=Zhumabayev/Zhumabaev/Jumabaev,"
    "Тұрсынов=Tursynov/Tursinov,Әлиев=Aliyev/Aliev,Серікбаев=Serikbayev/Serikbaev,"
    "Байжанов=Baizhanov/Bayzhanov,Мұхаметжанов=Mukhametzhanov/Muhametzhanov,"
    "Нұрпейісов=Nurpeissov/Nurpeisov,Әбдірахманов=Abdrakhmanov/Abdirakhmanov,"
    "Жақсылықов=Zhaksylykov/Zhaqsylyqov,Сейітов=Seitov/Seytov,Бекмұхамбетов=Bekmukhambetov,"
    "Қожахметов=Kozhakhmetov/Kojakhmetov,Ержанов=Yerzhanov/Erzhanov,Әмиров=Amirov,"
    "Ибраев=Ibrayev/Ibraev,Төлеуов=Tuleuov/Toleuov,Сағындықов=Sagyndykov/Sagindykov,"
    "Дүйсенов=Duisenov/Duysenov,Жанибеков=Zhanibekov/Janibekov,Мұсабаев=Mussabayev/Musabaev,"
    "Есенов=Yessenov/Esenov,Бейсенов=Beisenov/Beysenov,Қалиев=Kaliyev/Kaliev,"
    "Шәріпов=Sharipov,Рахымов=Rakhimov/Rakhymov,Абенов=Abenov,Кенжебаев=Kenzhebayev/Kenzhebaev"
)

# Hangul surname = usual spellings (the first is the commonest passport form).
KR_SURNAMES = (
    "김=Kim/Gim,이=Lee/Yi/Rhee/I,박=Park/Bak/Pak,최=Choi/Choe,정=Jung/Jeong/Chung,강=Kang/Gang,"
    "조=Cho/Jo,윤=Yoon/Yun,장=Jang/Chang,임=Lim/Im/Rim,한=Han,오=Oh/O,서=Seo/Suh/So,"
    "신=Shin/Sin,권=Kwon/Gwon,황=Hwang,안=Ahn/An,송=Song,류=Ryu/Yoo/Yu,홍=Hong,전=Jeon/Jun/Chon,"
    "고=Ko/Go,문=Moon/Mun,양=Yang,손=Son/Sohn,배=Bae/Pae,백=Baek/Paek/Baik,허=Heo/Huh/Hur,"
    "유=Yoo/Yu,남=Nam,심=Shim/Sim,노=Noh/No/Roh,하=Ha,곽=Kwak/Gwak,성=Sung/Seong,차=Cha,"
    "주=Joo/Ju/Chu,우=Woo/U,구=Koo/Gu,민=Min"
)
# Hangul syllable = common / Revised Romanisation / McCune-Reischauer (diacritics dropped).
KR_SYLLABLES = (
    "종=jong/jong/chong,영=young/yeong/yong,민=min/min/min,준=jun/jun/chun,서=seo/seo/so,"
    "지=ji/ji/chi,현=hyun/hyeon/hyon,수=soo/su/su,은=eun/eun/un,호=ho/ho/ho,"
    "성=sung/seong/song,우=woo/u/u,진=jin/jin/chin,혜=hye/hye/hye,희=hee/hui/hui,"
    "정=jung/jeong/chong,하=ha/ha/ha,윤=yoon/yun/yun,경=kyung/gyeong/kyong,동=dong/dong/tong,"
    "재=jae/jae/chae,석=seok/seok/sok,태=tae/tae/tae,상=sang/sang/sang,혁=hyuk/hyeok/hyok,"
    "미=mi/mi/mi,연=yeon/yeon/yon,주=joo/ju/chu,아=a/a/a,원=won/won/won,철=chul/cheol/chol,"
    "광=kwang/gwang/kwang,일=il/il/il,남=nam/nam/nam,숙=sook/suk/suk,선=sun/seon/son"
)

CN_SURNAMES = (
    "王=Wang/Wang,李=Li/Li/Lee,张=Zhang/Chang,刘=Liu/Liu/Lau,陈=Chen/Chen/Chan,杨=Yang/Yang,"
    "黄=Huang/Huang/Wong,赵=Zhao/Chao,吴=Wu/Wu/Ng,周=Zhou/Chou/Chow,徐=Xu/Hsu,孙=Sun/Sun,"
    "马=Ma/Ma,朱=Zhu/Chu,胡=Hu/Hu,郭=Guo/Kuo,何=He/Ho,林=Lin/Lin/Lam,高=Gao/Kao,罗=Luo/Lo,"
    "郑=Zheng/Cheng,梁=Liang/Liang/Leung,谢=Xie/Hsieh,宋=Song/Sung,唐=Tang/Tang,许=Xu/Hsu/Hui,"
    "邓=Deng/Teng,冯=Feng/Feng/Fung,韩=Han/Han,曹=Cao/Tsao,曾=Zeng/Tseng,彭=Peng/Peng,"
    "萧=Xiao/Hsiao,蔡=Cai/Tsai/Choi,潘=Pan/Pan,田=Tian/Tien,董=Dong/Tung,袁=Yuan/Yuan"
)
# hanzi = pinyin / Wade-Giles (apostrophes kept: they are part of Wade-Giles spellings)
CN_SYLLABLES = (
    "伟=wei/wei,芳=fang/fang,娜=na/na,敏=min/min,静=jing/ching,丽=li/li,强=qiang/ch'iang,"
    "磊=lei/lei,军=jun/chun,洋=yang/yang,勇=yong/yung,艳=yan/yen,杰=jie/chieh,娟=juan/chuan,"
    "涛=tao/t'ao,明=ming/ming,超=chao/ch'ao,秀=xiu/hsiu,霞=xia/hsia,平=ping/p'ing,刚=gang/kang,"
    "桂=gui/kuei,华=hua/hua,建=jian/chien,国=guo/kuo,文=wen/wen,英=ying/ying,志=zhi/chih,"
    "海=hai/hai,东=dong/tung,春=chun/ch'un,晓=xiao/hsiao,红=hong/hung,玉=yu/yu,兰=lan/lan,"
    "峰=feng/feng,鹏=peng/p'eng,辉=hui/hui,俊=jun/chun,宇=yu/yu"
)

# kanji = Hepburn with macrons; other spellings are derived (Sato/Satou/Satoh, Kunrei).
JP_SURNAMES = (
    "佐藤=Satō,鈴木=Suzuki,高橋=Takahashi,田中=Tanaka,伊藤=Itō,渡辺=Watanabe,山本=Yamamoto,"
    "中村=Nakamura,小林=Kobayashi,加藤=Katō,吉田=Yoshida,山田=Yamada,佐々木=Sasaki,"
    "山口=Yamaguchi,松本=Matsumoto,井上=Inoue,木村=Kimura,林=Hayashi,斎藤=Saitō,清水=Shimizu,"
    "山崎=Yamazaki,森=Mori,池田=Ikeda,橋本=Hashimoto,阿部=Abe,石川=Ishikawa,山下=Yamashita,"
    "中島=Nakajima,石井=Ishii,小川=Ogawa,前田=Maeda,岡田=Okada,長谷川=Hasegawa,藤田=Fujita,"
    "後藤=Gotō,近藤=Kondō,村上=Murakami,遠藤=Endō,青木=Aoki,坂本=Sakamoto"
)
JP_MALE = (
    "翔太=Shōta,大輔=Daisuke,拓也=Takuya,健太=Kenta,直樹=Naoki,浩=Hiroshi,誠=Makoto,隆=Takashi,"
    "和也=Kazuya,翼=Tsubasa,健一=Ken'ichi,達也=Tatsuya,俊介=Shunsuke,亮=Ryō,悠斗=Yūto,"
    "大樹=Daiki,修=Osamu,茂=Shigeru,博=Hiroshi,秀樹=Hideki,正=Tadashi,清=Kiyoshi"
)
JP_FEMALE = (
    "陽子=Yōko,恵子=Keiko,裕子=Yūko,美咲=Misaki,愛=Ai,直美=Naomi,由美=Yumi,真由美=Mayumi,"
    "明美=Akemi,千尋=Chihiro,久美子=Kumiko,智子=Tomoko,幸子=Sachiko,さくら=Sakura,"
    "美穂=Miho,麻衣=Mai,純子=Junko,洋子=Yōko,結衣=Yui,彩=Aya"
)

AE_MALE = (
    "محمد=Mohammed/Muhammad/Mohamed/Mohamad/Mohammad,أحمد=Ahmed/Ahmad,علي=Ali,"
    "عبدالله=Abdullah/Abdallah/Abdulla,خالد=Khalid/Khaled,عمر=Omar/Umar,"
    "يوسف=Yousef/Yusuf/Youssef/Yousif,إبراهيم=Ibrahim/Ebrahim,حسن=Hassan/Hasan,"
    "حسين=Hussein/Hussain/Husain/Hossein,سعيد=Saeed/Said/Saeid,راشد=Rashid/Rashed,"
    "سلطان=Sultan/Soltan,حمد=Hamad,فيصل=Faisal/Faysal,ماجد=Majid/Majed,سالم=Salem/Salim,"
    "عبدالرحمن=Abdulrahman/Abdul Rahman/Abdel Rahman,منصور=Mansour/Mansoor/Mansur,"
    "طارق=Tariq/Tarek/Tarik,مصطفى=Mustafa/Mostafa,سيف=Saif/Sayf/Seif,زايد=Zayed/Zaid,"
    "ناصر=Nasser/Nasir/Naser,هشام=Hisham/Hesham"
)
AE_FEMALE = (
    "فاطمة=Fatima/Fatma/Fatimah,مريم=Mariam/Maryam/Meriem,عائشة=Aisha/Ayesha/Aysha/Aicha,"
    "نورة=Noura/Nora/Nourah,سارة=Sara/Sarah,ليلى=Layla/Leila/Laila,خديجة=Khadija/Khadeeja,"
    "زينب=Zainab/Zeinab/Zaynab,هند=Hind,أمل=Amal,شيخة=Shaikha/Sheikha,حصة=Hessa/Hissa,"
    "لطيفة=Latifa/Latifah,منى=Mona/Muna,رانيا=Rania/Raniya,ياسمين=Yasmin/Yasmeen/Jasmine"
)
AE_SURNAMES = (
    "المنصوري=Al Mansouri/Al-Mansoori/Almansouri,الهاشمي=Al Hashimi/Al-Hashemi/Alhashmi,"
    "الشامسي=Al Shamsi/Al-Shamsi/Alshamsi,الكعبي=Al Kaabi/Al-Ka'bi/Alkaabi,"
    "النعيمي=Al Nuaimi/Al-Nuaimi/Alnuaimi/Al Naimi,المزروعي=Al Mazrouei/Al Mazroui/Almazrouei,"
    "الظاهري=Al Dhaheri/Al Zaheri/Aldhaheri,الفلاسي=Al Falasi/Al-Falasi/Alfalasi,"
    "القاسمي=Al Qasimi/Al Qassimi/Al-Kasimi,السويدي=Al Suwaidi/Al-Suwaidi/Alsuwaidi,"
    "الحمادي=Al Hammadi/Al-Hamadi/Alhammadi,البلوشي=Al Balushi/Al Baloushi/Albalooshi,"
    "المهيري=Al Muhairi/Al Mheiri/Almheiri,الرميثي=Al Romaithi/Al Rumaithi/Alromaithi,"
    "العامري=Al Ameri/Al Amri/Alameri,الكتبي=Al Ketbi/Al Kitbi/Alketbi,"
    "المري=Al Marri/Al-Murri/Almarri,الزعابي=Al Zaabi/Al-Za'abi/Alzaabi,"
    "الحوسني=Al Hosani/Al Hossani/Alhosani,النقبي=Al Naqbi/Al Nakbi/Alnaqbi,"
    "الدرعي=Al Darei/Al Deraei/Aldarei,الشحي=Al Shehhi/Al Shihhi/Alshehhi,"
    "العبدولي=Al Abdouli/Al Abduli,الخوري=Al Khoori/Al Khouri/Khoury"
)

IR_MALE = (
    "محمد=Mohammad/Mohamad/Muhammad,علی=Ali,حسین=Hossein/Hosein/Hussein,رضا=Reza,"
    "مهدی=Mehdi/Mahdi,امیر=Amir,حمید=Hamid,سعید=Saeed/Saeid/Said,مجید=Majid,جواد=Javad/Jawad,"
    "محسن=Mohsen/Mohsin,ابراهیم=Ebrahim/Ibrahim,مسعود=Masoud/Masud/Massoud,بهروز=Behrouz/Behruz,"
    "داریوش=Dariush/Daryoush,کامران=Kamran,فرهاد=Farhad,سیاوش=Siavash/Siyavash,"
    "عباس=Abbas,اکبر=Akbar"
)
IR_FEMALE = (
    "فاطمه=Fatemeh/Fatima/Fatemah,زهرا=Zahra,مریم=Maryam/Mariam,سارا=Sara,نرگس=Narges/Nargis,"
    "لیلا=Leila/Layla/Leyla,شیرین=Shirin/Shireen,مینا=Mina,الهام=Elham,پریسا=Parisa,"
    "نسرین=Nasrin/Nasreen,سمیرا=Samira,مهسا=Mahsa,فرشته=Fereshteh/Fereshte,آزاده=Azadeh/Azade"
)
IR_SURNAMES = (
    "محمدی=Mohammadi/Mohamadi,حسینی=Hosseini/Hoseini/Husseini,احمدی=Ahmadi,"
    "رضایی=Rezaei/Rezaee/Rezai,موسوی=Mousavi/Musavi/Moussavi,کریمی=Karimi,رحیمی=Rahimi,"
    "جعفری=Jafari/Jafary/Jaafari,صادقی=Sadeghi/Sadeqi,کاظمی=Kazemi/Kazemy,"
    "حیدری=Heidari/Heydari/Haidari,نوری=Nouri/Noori/Nuri,قاسمی=Ghasemi/Qasemi/Ghassemi,"
    "عباسی=Abbasi,اکبری=Akbari,نجفی=Najafi,طاهری=Taheri,سلیمانی=Soleimani/Soleymani/Sulaimani,"
    "خسروی=Khosravi/Khosrawi,یزدانی=Yazdani,امینی=Amini,بهرامی=Bahrami,تهرانی=Tehrani,"
    "شریفی=Sharifi,فرهادی=Farhadi,کرمانی=Kermani,نظری=Nazari,اسدی=Asadi,زارعی=Zarei/Zareie"
)

IL_MALE = (
    "דוד=David/Dawid,יוסף=Yosef/Joseph/Yossef,משה=Moshe/Moshe,אברהם=Avraham/Abraham,"
    "יעקב=Yaakov/Yakov/Jacob,דניאל=Daniel,איתן=Eitan/Etan/Eytan,נועם=Noam,אורי=Ori/Uri,"
    "יונתן=Yonatan/Jonathan/Yehonatan,אריאל=Ariel,שמואל=Shmuel/Samuel,חיים=Haim/Chaim/Hayim,"
    "יצחק=Yitzhak/Itzhak/Isaac,אליהו=Eliyahu/Eliahu,עמית=Amit,רון=Ron,גיא=Guy/Gai,"
    "מאיר=Meir/Meyer,אבי=Avi"
)
IL_FEMALE = (
    "שרה=Sarah/Sara,רחל=Rachel/Rahel,מיכל=Michal/Mikhal,נועה=Noa/Noah,תמר=Tamar,"
    "יעל=Yael/Jael/Yaël,רבקה=Rivka/Rebecca/Rivkah,אסתר=Esther/Ester,חנה=Hana/Hannah/Chana,"
    "שירה=Shira,אורית=Orit,רות=Ruth/Rut,לאה=Leah/Lea,מרים=Miriam/Miryam,דנה=Dana,"
    "טליה=Talia/Talya,הדס=Hadas/Hadass,ענבל=Inbal"
)
IL_SURNAMES = (
    "כהן=Cohen/Kohen/Cohn,לוי=Levi/Levy/Levy,מזרחי=Mizrahi/Mizrachi,פרץ=Peretz/Perez,"
    "ביטון=Biton/Bitton,דהן=Dahan,אברהם=Avraham/Abraham,פרידמן=Friedman/Fridman,"
    "מלכה=Malka/Malca,אזולאי=Azoulay/Azulai/Azoulai,כץ=Katz/Kats,יוסף=Yosef/Yossef,"
    "עמר=Amar/Ammar,אוחיון=Ohayon/Ohayun,חדד=Hadad/Haddad,גבאי=Gabay/Gabai,"
    "בן דוד=Ben David/Ben-David,שפירא=Shapira/Shapiro,רוזנברג=Rosenberg/Rozenberg,"
    "גולדשטיין=Goldstein/Goldshtein,אשכנזי=Ashkenazi/Ashkenazy,שלום=Shalom,"
    "וייס=Weiss/Vais/Weis,סגל=Segal/Siegel,ברק=Barak"
)

# Georgian and Armenian Latin forms come from ICU; a few usual spellings are added.
GE_MALE = (
    "გიორგი,დავით=Davit/David,ნიკოლოზ,ლევან,ირაკლი,ალექსანდრე,ზურაბ,თამაზ,გიგა,ლაშა,"
    "ვახტანგ=Vakhtang,მამუკა,ბესიკ,ზვიად,შოთა,გოჩა,ნოდარ,ავთანდილ,ოთარ,ვაჟა"
)
GE_FEMALE = "ნინო,მარიამ,თამარ,ანა,ეკატერინე,ნათია,სალომე,ქეთევან=Ketevan,მაკა,ნანა,ლია,ეკა,თეა,ხატია,მზია,ნესტან"
GE_SURNAMES = (
    "ბერიძე,კაპანაძე,გელაშვილი,მაისურაძე,გიორგაძე,ლომიძე,წიკლაური=Tsiklauri,ბოლქვაძე=Bolkvadze,"
    "ნოზაძე,ხუციშვილი=Khutsishvili,ჯაფარიძე=Japaridze/Dzhaparidze,კვარაცხელია=Kvaratskhelia,"
    "შენგელია,ჩიქოვანი=Chikovani,მამულაშვილი,აბულაძე,ნადირაძე,ქავთარაძე=Kavtaradze,"
    "ცერცვაძე=Tsertsvadze,ბაქრაძე=Bakradze,ჯანელიძე=Janelidze/Dzhanelidze,სულაბერიძე,"
    "ხარაიშვილი=Kharaishvili,მჭედლიშვილი=Mchedlishvili,გოგიჩაიშვილი=Gogichaishvili,"
    "ტაბატაძე=Tabatadze,ჩხეიძე=Chkheidze,კიკნაძე=Kiknadze,ღლონტი=Ghlonti,ჯავახიშვილი=Javakhishvili"
)
AM_MALE = (
    "Արամ,Դավիթ=Davit/David,Հայկ=Hayk/Haik,Տիգրան,Արման,Գևորգ=Gevorg/Gevork,Նարեկ,Արթուր=Artur/Arthur,"
    "Սարգիս=Sargis/Sarkis,Վահե,Արտակ,Կարեն,Արսեն,Հովհաննես=Hovhannes/Ovanes,Վարդան=Vardan/Vartan,"
    "Աշոտ,Ռուբեն=Ruben,Գագիկ,Արմեն,Էդգար=Edgar"
)
AM_FEMALE = (
    "Անի,Մարիամ,Աննա,Լուսինե,Նարինե,Գայանե=Gayane/Gayaneh,Արմինե,Սոնա,Հասմիկ,Տաթևիկ=Tatevik,"
    "Սիրանուշ,Լիլիթ,Անահիտ,Մարինե,Զարուհի"
)
AM_SURNAMES = (
    "Գրիգորյան,Սարգսյան=Sargsyan/Sarkisian/Sargsian,Հարությունյան=Harutyunyan/Arutyunyan,"
    "Հովհաննիսյան=Hovhannisyan/Oganesyan/Hovannisian,Կարապետյան,Խաչատրյան=Khachatryan/Khachaturian,"
    "Պետրոսյան,Ավետիսյան,Մկրտչյան=Mkrtchyan/Mkrtchian,Գևորգյան=Gevorgyan/Gevorkian,"
    "Ղազարյան=Ghazaryan/Kazaryan/Gazarian,Մանուկյան,Վարդանյան=Vardanyan/Vartanian,Մարտիրոսյան,"
    "Ալեքսանյան,Սահակյան,Բաղդասարյան=Baghdasaryan/Bagdasarian,Հակոբյան=Hakobyan/Akopyan/Hagopian,"
    "Դավթյան=Davtyan/Davtian,Մելքոնյան=Melkonyan/Melkonian,Աբրահամյան,Մովսիսյան=Movsisyan/Movsesian,"
    "Ստեփանյան=Stepanyan/Stepanian,Ասատրյան,Զաքարյան=Zakaryan/Zakarian"
)

# Greek: masculine|feminine surnames; Latin from ICU (UNGEGN) plus usual passport spellings.
GR_MALE = (
    "Γεώργιος,Ιωάννης,Κωνσταντίνος,Δημήτριος,Νικόλαος,Παναγιώτης,Βασίλειος,Χρήστος,Αθανάσιος,"
    "Μιχαήλ=Michail/Michael/Mikhail,Ευάγγελος,Σπυρίδων=Spyridon/Spiridon,Αντώνιος,Ανδρέας,"
    "Θεόδωρος,Ηλίας,Σταύρος,Αλέξανδρος,Εμμανουήλ=Emmanouil/Emmanuel,Πέτρος"
)
GR_FEMALE = (
    "Μαρία,Ελένη,Αικατερίνη=Aikaterini/Ekaterini/Katerina,Βασιλική,Σοφία=Sofia/Sophia,"
    "Αγγελική=Angeliki/Aggeliki,Γεωργία,Δήμητρα,Κωνσταντίνα,Παρασκευή,Ευαγγελία,Ιωάννα,"
    "Χριστίνα,Αναστασία,Ειρήνη=Eirini/Irini/Irene,Θεοδώρα"
)
GR_SURNAMES = (
    "Παπαδόπουλος|Παπαδοπούλου,Παπαδάκης|Παπαδάκη,Γεωργίου|Γεωργίου,Παπάς|Παπά,"
    "Οικονόμου|Οικονόμου,Βασιλείου|Βασιλείου,Νικολάου|Νικολάου,Καραγιάννης|Καραγιάννη,"
    "Ιωάννου|Ιωάννου,Μακρής|Μακρή,Αθανασίου|Αθανασίου,Πετρόπουλος|Πετροπούλου,"
    "Παπανικολάου|Παπανικολάου,Δημητρίου|Δημητρίου,Κωνσταντινίδης|Κωνσταντινίδου,"
    "Αντωνίου|Αντωνίου,Χριστοδούλου|Χριστοδούλου,Αλεξίου|Αλεξίου,Παππάς|Παππά,"
    "Μαυρίδης|Μαυρίδου,Σταυρόπουλος|Σταυροπούλου,Κυριακίδης|Κυριακίδου,Ζαχαρίου|Ζαχαρίου,"
    "Λαμπράκης|Λαμπράκη,Μιχαηλίδης|Μιχαηλίδου,Παπαγεωργίου|Παπαγεωργίου,Τσιρίγος|Τσιρίγου"
)

IN_MALE = (
    "राहुल=Rahul,अमित=Amit,विजय=Vijay/Vijai,सुनील=Sunil/Suneel,राजेश=Rajesh,संजय=Sanjay/Sanjai,"
    "अनिल=Anil,मनोज=Manoj,सुरेश=Suresh,अजय=Ajay/Ajai,रमेश=Ramesh,दिनेश=Dinesh,अशोक=Ashok/Asok,"
    "प्रकाश=Prakash,विकास=Vikas/Vikash,आकाश=Akash/Aakash,अभिषेक=Abhishek,रोहित=Rohit,"
    "अर्जुन=Arjun,नरेंद्र=Narendra,मुकेश=Mukesh,दीपक=Deepak/Dipak"
)
IN_FEMALE = (
    "प्रिया=Priya,पूजा=Pooja/Puja,अनीता=Anita/Aneeta,सुनीता=Sunita/Suneeta,नेहा=Neha,"
    "कविता=Kavita/Kavitha,रेखा=Rekha,आरती=Aarti/Arti/Aarthi,दीपिका=Deepika/Dipika,"
    "मीना=Meena/Mina,लक्ष्मी=Lakshmi/Laxmi,सरिता=Sarita,गीता=Geeta/Gita/Geetha,"
    "अंजलि=Anjali/Anjali,स्नेहा=Sneha,ज्योति=Jyoti/Jyothi,निशा=Nisha,रीता=Rita/Reeta"
)
IN_SURNAMES = (
    "शर्मा=Sharma,सिंह=Singh,कुमार=Kumar,वर्मा=Verma/Varma,गुप्ता=Gupta,पटेल=Patel,यादव=Yadav,"
    "जैन=Jain,मिश्रा=Mishra/Misra,श्रीवास्तव=Srivastava/Shrivastava,"
    "चौधरी=Chaudhary/Choudhary/Chaudhari/Chowdhury,रेड्डी=Reddy/Reddi,खान=Khan,राव=Rao,"
    "अग्रवाल=Agarwal/Aggarwal/Agrawal,जोशी=Joshi,पांडे=Pandey/Pande,तिवारी=Tiwari/Tewari,"
    "दुबे=Dubey/Dube,नायर=Nair,मेहता=Mehta,शाह=Shah,बनर्जी=Banerjee/Banerji,"
    "मुखर्जी=Mukherjee/Mukherji,चटर्जी=Chatterjee/Chatterji,भट्ट=Bhatt/Bhat,सक्सेना=Saxena,"
    "ठाकुर=Thakur,कपूर=Kapoor/Kapur,मल्होत्रा=Malhotra,देसाई=Desai,नाइक=Naik/Nayak"
)

TR_MALE = (
    "Mehmet,Mustafa,Ahmet,Ali,Hüseyin,Hasan,İbrahim,İsmail,Osman,Yusuf,Murat,Ömer,Ramazan,Halil,"
    "Süleyman,Emre,Burak,Oğuz,Abdullah,Mahmut,Recep,Kemal,Serkan,Cem,Volkan,Tolga,Kadir,Erkan"
)
TR_FEMALE = (
    "Fatma,Ayşe,Emine,Hatice,Zeynep,Elif,Meryem,Şerife,Zehra,Sultan,Hanife,Merve,Özlem,Gülşen,"
    "Esra,Büşra,Derya,Sevgi,Yasemin,Hülya,Songül,Gül,Ebru,Tuğba"
)
TR_SURNAMES = (
    "Yılmaz,Kaya,Demir,Şahin,Çelik,Yıldız,Yıldırım,Öztürk,Aydın,Özdemir,Arslan,Doğan,Kılıç,"
    "Aslan,Çetin,Kara,Koç,Kurt,Özkan,Şimşek,Polat,Korkmaz,Erdoğan,Güneş,Özcan,Çakır,Aksoy,"
    "Avcı,Bulut,Keskin,Ünal,Bozkurt,Güler,Turan,Sarı,Tekin,Karataş,Işık,Uçar,Erdem,Yavuz,"
    "Altun,Taş,Kaplan,Akın,Başaran,Gündoğdu,Karakaya"
)

RW_MALE = (
    "Jean,Pierre,Emmanuel,Eric,Patrick,Jean Claude,Jean de Dieu,Innocent,Olivier,Fabrice,"
    "Théoneste/Theoneste,Aimable,Jean Paul,Vincent,Joseph,Alexis,Célestin/Celestin,Didier,"
    "Janvier,Félicien/Felicien,Gilbert,Fidèle/Fidele"
)
RW_FEMALE = (
    "Marie,Claudine,Espérance/Esperance,Alice,Jeanne,Chantal,Diane,Josiane,Solange,"
    "Immaculée/Immaculee,Béatrice/Beatrice,Clarisse,Vestine,Angélique/Angelique,Grace,"
    "Marie Claire,Olive,Sandrine,Aline,Jacqueline"
)
RW_SURNAMES = (
    "Uwimana,Niyonzima,Mukamana,Habimana,Nshimiyimana,Uwase,Mugisha,Ndayisaba,Hakizimana,"
    "Nsengiyumva,Mukeshimana,Uwamahoro,Nyirahabimana,Bizimana,Niyonsaba,Tuyisenge,Iradukunda,"
    "Ishimwe,Ingabire,Mutesi,Umutoni,Uwera,Munyaneza,Nkurunziza,Ntirenganya,Ndagijimana,"
    "Twizeyimana,Uwamariya,Mukandayisenga,Niyomugabo,Habyarimana,Ndikumana,Murekatete,"
    "Uwineza,Nsabimana,Mukarugwiza,Gatera,Kamanzi,Rukundo,Mugabo"
)

# Western Europe, per country: (male, female, surnames).
WE = {
    "de": (
        "Thomas,Michael,Andreas,Stefan,Klaus,Jürgen/Juergen,Peter,Wolfgang,Frank,Uwe,Markus,"
        "Karl-Heinz,Hans-Peter,Matthias,Tobias,Jörg/Joerg",
        "Sabine,Andrea,Petra,Claudia,Susanne,Ursula,Monika,Katrin,Birgit,Anja,Julia,Anna-Lena",
        "Müller/Mueller,Schmidt,Schneider,Fischer,Weber,Meyer/Meier,Wagner,Becker,Schulz,"
        "Hoffmann,Schäfer/Schaefer,Koch,Bauer,Richter,Klein,Wolf,Schröder/Schroeder,Neumann,"
        "Schwarz,Zimmermann,Braun,Krüger/Krueger,Hofmann,Hartmann,Lange,Werner,Krause,Lehmann",
    ),
    "fr": (
        "Jean-Pierre,Philippe,Nicolas,François/Francois,Michel,Pierre,Alain,Christophe,Laurent,"
        "Stéphane/Stephane,Julien,Jean-Luc,Olivier,Sébastien/Sebastien",
        "Marie-Claire,Isabelle,Nathalie,Sylvie,Céline/Celine,Catherine,Sophie,Valérie/Valerie,"
        "Christine,Anne-Marie,Émilie/Emilie,Camille",
        "Martin,Bernard,Dubois,Thomas,Robert,Richard,Petit,Durand,Leroy,Moreau,Simon,Laurent,"
        "Lefèvre/Lefebvre,Michel,Garcia,David,Bertrand,Roux,Vincent,Fournier,Morel,Girard,"
        "André/Andre,Mercier,Dupont,Lambert,Bonnet,François/Francois",
    ),
    "gb": (
        "John,David,James,Robert,Paul,Mark,Michael,Andrew,Richard,Stephen,Christopher,Daniel,"
        "Thomas,William",
        "Sarah,Emma,Claire,Helen,Elizabeth,Susan,Margaret,Karen,Rebecca,Laura,Rachel,Emily",
        "Smith,Jones,Williams,Taylor,Brown,Davies,Evans,Wilson,Thomas,Johnson,Roberts,Robinson,"
        "Thompson,Wright,Walker,White,Edwards,Hughes,Green,Hall,Lewis,Harris,Clarke,Patel,Jackson,"
        "Wood,Turner,Martin,Cooper,Hill,O'Brien/OBrien,McDonald/MacDonald",
    ),
    "it": (
        "Giuseppe,Giovanni,Antonio,Mario,Luca,Marco,Francesco,Alessandro,Roberto,Andrea,Stefano,"
        "Salvatore,Paolo,Gian Luca/Gianluca",
        "Giulia,Francesca,Chiara,Anna,Laura,Maria,Sara,Valentina,Alessandra,Elena,Silvia,Federica",
        "Rossi,Russo,Ferrari,Esposito,Bianchi,Romano,Colombo,Ricci,Marino,Greco,Bruno,Gallo,"
        "Conti,De Luca/DeLuca,Mancini,Costa,Giordano,Rizzo,Lombardi,Moretti,Barbieri,Fontana,"
        "Santoro,Mariani,Rinaldi,Caruso,Ferrara,Galli",
    ),
    "nl": (
        "Jan,Pieter,Johannes,Willem,Hendrik,Cornelis,Gerrit,Dirk,Maarten,Bas,Sander,Thijs",
        "Anna,Maria,Sanne,Eva,Johanna,Lotte,Femke,Anouk,Lisa,Inge,Marieke,Fleur",
        "de Jong/De Jong/Dejong,Jansen,de Vries/De Vries/Devries,van den Berg/Van den Berg/Vandenberg,"
        "van Dijk/Van Dijk/Vandijk,Bakker,Janssen,Visser,Smit,Meijer/Meyer,de Boer/De Boer/Deboer,"
        "Mulder,de Groot/De Groot/Degroot,Bos,Vos,Peters,Hendriks,van Leeuwen/Van Leeuwen,"
        "Dekker,Brouwer,de Wit/De Wit,Dijkstra,Smits,de Graaf/De Graaf,van der Meer/Van der Meer",
    ),
    "es": (
        "Antonio,José/Jose,Manuel,Francisco,David,Juan,Javier,Daniel,José Luis/Jose Luis,"
        "Carlos,Jesús/Jesus,Alejandro",
        "María/Maria,Carmen,Ana María/Ana Maria,Laura,Isabel,María Pilar/Maria Pilar,Lucía/Lucia,"
        "Cristina,Marta,Elena,Pilar,Dolores",
        "García/Garcia,Rodríguez/Rodriguez,González/Gonzalez,Fernández/Fernandez,López/Lopez,"
        "Martínez/Martinez,Sánchez/Sanchez,Pérez/Perez,Gómez/Gomez,Martín/Martin,"
        "Jiménez/Jimenez,Ruiz,Hernández/Hernandez,Díaz/Diaz,Moreno,Muñoz/Munoz,"
        "Álvarez/Alvarez,Romero,Alonso,Gutiérrez/Gutierrez,Navarro,Torres,Domínguez/Dominguez,"
        "Vázquez/Vazquez,Ramos,Gil,Serrano,Blanco",
    ),
}

# Latin America, per country: (male, female, surnames); two surnames per person.
LATAM = {
    "mx": (
        "José/Jose,Juan,Luis,Carlos,Jorge,Miguel,Francisco,Alejandro,Javier,Pedro,Manuel,"
        "Fernando,Juan Carlos,José Luis/Jose Luis,Ricardo,Roberto,Jesús/Jesus,Eduardo",
        "María/Maria,Guadalupe,Ana,Carmen,Rosa,Laura,Patricia,María José/Maria Jose,Daniela,"
        "Sofía/Sofia,Valentina,Gabriela,Verónica/Veronica,Leticia,Alejandra,Fernanda",
        "García/Garcia,Rodríguez/Rodriguez,Martínez/Martinez,Hernández/Hernandez,López/Lopez,"
        "González/Gonzalez,Pérez/Perez,Sánchez/Sanchez,Ramírez/Ramirez,Torres,Flores,Rivera,"
        "Gómez/Gomez,Díaz/Diaz,Reyes,Morales,Cruz,Ortiz,Gutiérrez/Gutierrez,Chávez/Chavez,"
        "Ramos,Vargas,Castillo,Jiménez/Jimenez,Moreno,Romero,Álvarez/Alvarez,Mendoza,Ruiz,"
        "Herrera,Medina,Aguilar,Vázquez/Vazquez,Castro,Guerrero,Rojas,Delgado,Salazar,"
        "Ortega,Núñez/Nunez,Domínguez/Dominguez,Cervantes,Estrada,Figueroa,Contreras,Soto",
    ),
    "co": (
        "Juan David,Andrés/Andres,Carlos Andrés/Carlos Andres,Jhon,Luis Fernando,Diego,Sebastián/Sebastian,"
        "Camilo,Julián/Julian,Santiago,Mauricio,Óscar/Oscar,Jairo,Wilson,Édgar/Edgar",
        "Luz Marina,Claudia,Paola,Andrea,Natalia,Diana,Marcela,Yolanda,Carolina,Paula Andrea,"
        "Luisa Fernanda,Ángela/Angela,Sandra,Martha/Marta",
        "Rodríguez/Rodriguez,Gómez/Gomez,González/Gonzalez,Martínez/Martinez,García/Garcia,"
        "López/Lopez,Hernández/Hernandez,Sánchez/Sanchez,Ramírez/Ramirez,Pérez/Perez,"
        "Díaz/Diaz,Muñoz/Munoz,Rojas,Moreno,Jiménez/Jimenez,Vargas,Castro,Ospina,Restrepo,"
        "Ortiz,Cárdenas/Cardenas,Zapata,Quintero,Valencia,Arango,Cardona,Giraldo,Londoño/Londono,"
        "Mejía/Mejia,Osorio",
    ),
    "br": (
        "José/Jose,João/Joao,Antônio/Antonio,Francisco,Carlos,Paulo,Pedro,Lucas,Luiz/Luis,"
        "Marcos,Luís Carlos/Luis Carlos,Gabriel,Rafael,Daniel,Marcelo,Bruno",
        "Maria,Ana,Francisca,Antônia/Antonia,Adriana,Juliana,Márcia/Marcia,Fernanda,Patrícia/Patricia,"
        "Aline,Sandra,Camila,Amanda,Bruna,Jéssica/Jessica,Letícia/Leticia",
        "Silva,Santos,Oliveira,Souza/Sousa,Rodrigues,Ferreira,Alves,Pereira,Lima,Gomes,Costa,"
        "Ribeiro,Martins,Carvalho,Almeida,Lopes,Soares,Fernandes,Vieira,Barbosa,Rocha,Dias,"
        "Nascimento,Andrade,Moreira,Nunes,Marques,Machado,Mendes,Freitas,Cardoso,Ramos,"
        "Gonçalves/Goncalves,Santana,Teixeira,Araújo/Araujo",
    ),
    "ar": (
        "Juan Pablo,Martín/Martin,Facundo,Matías/Matias,Nicolás/Nicolas,Gustavo,Sergio,Hernán/Hernan,"
        "Diego,Federico,Gonzalo,Ezequiel",
        "Florencia,Agustina,Micaela,Lucía/Lucia,Silvina,Mariela,Romina,Carolina,Julieta,"
        "Valeria,Cecilia,Graciela",
        "González/Gonzalez,Rodríguez/Rodriguez,Gómez/Gomez,Fernández/Fernandez,López/Lopez,"
        "Díaz/Diaz,Martínez/Martinez,Pérez/Perez,García/Garcia,Sánchez/Sanchez,Romero,Sosa,"
        "Torres,Álvarez/Alvarez,Ruiz,Ramírez/Ramirez,Flores,Benítez/Benitez,Acosta,Medina,"
        "Herrera,Suárez/Suarez,Aguirre,Giménez/Gimenez,Gutiérrez/Gutierrez,Pereyra,Molina",
    ),
}
