/**
 * City names the GeoNames list (cities.ts) does not hold as written in the languages Tandem generates:
 * GeoNames gives one main name per city, often an English exonym ("Rome", "Munich", "Lisbon") and
 * always in Latin script. Written for this project from general knowledge: the endonyms and common
 * exonyms of large European cities in de, fr, es, it, pt and nl, and large cities of Japan, China,
 * Korea, the Arab world, Iran and India in their own scripts. Country names are not listed here: they
 * come from ICU (Intl.DisplayNames) in every language.
 */

export const LATIN_CITY_NAMES = `
Roma Milano Napoli Torino Firenze Genova Venezia Padova Bologna Palermo Trieste Brescia Verona Bari Catania
Messina Lisboa Sevilla Bruxelles Brussel Antwerpen Gent Luik Den|Haag Wien Praha Warszawa Kraków København
Göteborg Zürich Genève Bern Basel München Nürnberg Hannover Köln Braunschweig Mailand Rom Venedig Florenz
Neapel Lissabon Warschau Prag Moskau Genf Brüssel Londres Munich Vienne Bruxelles Rome Milan Venise Naples
Lisbonne Varsovie Moscou Pékin Anvers Múnich Viena Ginebra Bruselas Milán Venecia Florencia Nápoles
Varsovia Moscú Pekín Nueva|York Londra Ginevra Parigi Lisbona Varsavia Mosca Pechino Monaco|di|Baviera
Munique Genebra Bruxelas Milão Veneza Florença Varsóvia Moscovo Moscou Pequim Nova|Iorque Nova|York Londen
Wenen Parijs Milaan Venetië Napels Lissabon Moskou Peking Keulen Frankfurt Francfort Fráncfort Francoforte
Mannheim Bielefeld Essen Dortmund Bremen Dresden Leipzig Stuttgart Düsseldorf Hamburg Berlin
`;

export const NATIVE_CITY_NAMES = `
東京 大阪 京都 横浜 名古屋 札幌 福岡 神戸 川崎 さいたま 広島 仙台 千葉 北九州 堺 新潟 浜松 熊本 相模原 岡山 静岡 鹿児島
那覇 金沢 長崎 奈良 姫路 宇都宮 松山 大分 高松 富山 長野 岐阜 和歌山 青森 盛岡 秋田 山形 福島 水戸 前橋 甲府 津 大津 鳥取
松江 山口 徳島 高知 佐賀 宮崎
北京 上海 广州 深圳 天津 重庆 成都 武汉 杭州 西安 南京 苏州 郑州 长沙 沈阳 青岛 大连 厦门 宁波 济南 哈尔滨 长春 昆明
福州 合肥 南昌 南宁 贵阳 太原 石家庄 兰州 乌鲁木齐 呼和浩特 海口 拉萨 香港 澳门 台北 高雄 台中 廣州 臺北 重慶 蘇州
서울 부산 인천 대구 대전 광주 울산
القاهرة الإسكندرية الجيزة دبي أبوظبي أبو|ظبي الشارقة الرياض جدة مكة المدينة|المنورة الدمام عمّان عمان بيروت دمشق حلب بغداد
البصرة الموصل الكويت الدوحة المنامة مسقط صنعاء عدن تونس الجزائر وهران الرباط الدار|البيضاء مراكش فاس طنجة طرابلس بنغازي
الخرطوم القدس غزة رام|الله إسطنبول طهران
تهران مشهد اصفهان شیراز تبریز
मुंबई दिल्ली नई|दिल्ली बेंगलुरु बैंगलोर कोलकाता चेन्नई हैदराबाद अहमदाबाद पुणे जयपुर लखनऊ कानपुर नागपुर इंदौर भोपाल पटना
वाराणसी आगरा सूरत वडोदरा लुधियाना अमृतसर चंडीगढ़ देहरादून रांची रायपुर भुवनेश्वर गुवाहाटी कोच्चि तिरुवनंतपुरम मैसूर
इलाहाबाद प्रयागराज गोरखपुर मेरठ गाज़ियाबाद नोएडा गुड़गांव गुरुग्राम जोधपुर उदयपुर कोटा अजमेर श्रीनगर जम्मू शिमला
`;

/** Given names in Arabic and Devanagari script, for names written in those scripts (family names follow). */
export const ARABIC_GIVEN_NAMES = `
محمد أحمد محمود مصطفى علي حسن حسين عمر عثمان خالد يوسف إبراهيم إسماعيل عبدالله عبد|الله عبدالرحمن عبد|الرحمن سعيد
سعد فهد فيصل ناصر سلطان طارق وليد ماجد سامي هشام كريم عادل جمال كمال رامي زياد باسل بلال أنس حمزة ياسر عمرو مروان
نبيل هاني وائل أيمن أسامة شريف منير رشيد عماد فاطمة عائشة مريم خديجة زينب نور سارة ليلى هدى منى رنا لينا دينا هالة
سلمى ياسمين رانيا نادية سميرة أمل إيمان هبة ريم دعاء آية شيماء نوال سعاد جميلة
`;

export const DEVANAGARI_GIVEN_NAMES = `
राहुल अमित सुनील अनिल राजेश रमेश सुरेश महेश दिनेश मुकेश विकास विजय अजय संजय मनोज राकेश प्रकाश अशोक रवि
आदित्य अर्जुन गौरव निखिल रोहित सचिन सौरभ विशाल अभिषेक अंकित आकाश दीपक हर्ष करण कुणाल प्रशांत प्रदीप
प्रिया नेहा पूजा अंजलि कविता सुनीता अनीता रश्मि स्नेहा दीपिका शालिनी मीनाक्षी लक्ष्मी सरिता ममता रीता गीता
सीमा नीलम पल्लवी श्वेता स्वाति आरती ज्योति रेखा शिल्पा प्रियंका काजल सोनिया किरण मोहन सोहन श्याम राम
`;

/** Common family names written in Han characters: Chinese (one character) and Japanese (mostly two). */
export const CHINESE_FAMILY_NAMES =
  '王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';

export const JAPANESE_FAMILY_NAMES = `
佐藤 鈴木 高橋 田中 伊藤 渡辺 渡邊 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上 木村 林 斎藤 斉藤 清水 山崎 森 池田 橋本 阿部
石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本 斉藤 福田 太田 西村 藤井 金子 岡本 藤原 中野 三浦
原田 中川 松田 竹内 小野 田村 中山 和田 石田 森田 上田 原 柴田 酒井 工藤 横山 宮崎 宮本 内田 高木 安藤 島田 谷口 大野 高田
丸山 今井 河野 藤本 村田 武田 上野 杉山 増田 小山 大塚 平野 菅原 久保 松井 千葉 岩崎 桜井 木下 野口 松尾 菊地 野村 新井
`;
