// The evaluation set of language identification (bench/lang.bench.mjs, test/text/language*.test.ts).
// Written for Tandem, not copied from a corpus: 25 languages, 10 sentences of 20+ words each (customer
// support, news, science, everyday life; native script), 6 short texts of 3–8 words each, and chat
// turns. The nb and da sentences are translations of each other, so the pair differs only in the
// words that tell Norwegian Bokmål from Danish.
//
// Split: sentences at even indices (0, 2, …) are the development half, used to choose the library,
// the minimum length, the script shortcuts and the score calibration; odd indices (1, 3, …) are held
// out and only measured (the accuracy test asserts on them).

/** ISO 639-1 code → sentences of 20+ words. */
export const LONG = {
  en: [
    "I ordered a pair of running shoes from your website two weeks ago, but the package still hasn't arrived and the tracking number doesn't work.",
    'Could you please explain why my last invoice includes a monthly fee for a premium plan that I never signed up for and do not use?',
    'Thank you for contacting our support team; a technician will call you tomorrow morning between nine and eleven to finish setting up your router.',
    'The city council voted on Tuesday evening to expand the bus network into the northern suburbs, a plan that will cost about forty million dollars.',
    'Heavy rain flooded several roads near the river overnight, and local authorities have asked residents to avoid unnecessary travel until the water level drops.',
    'Researchers have discovered that certain bacteria living deep in the ocean can break down plastic much faster than scientists had previously believed possible.',
    'The new telescope will measure the light from distant planets to find out whether their atmospheres contain water vapour, methane or carbon dioxide.',
    'My sister and I usually cook dinner together on Sundays, and this week we are trying a recipe for lentil soup with fresh bread.',
    'If you leave the house before seven, you can usually find a parking space near the office without driving around the block several times.',
    'Our neighbours finally finished renovating their kitchen after almost six months of noise, dust and workers arriving early every single morning of the week.',
  ],
  es: [
    'Hice un pedido de unos auriculares hace diez días y todavía no he recibido ningún correo con el número de seguimiento del envío.',
    'Buenas tardes, quisiera saber si es posible cambiar la dirección de entrega de mi paquete, porque la semana que viene estaré de viaje.',
    'Lamentamos las molestias ocasionadas; hemos revisado su cuenta y le devolveremos el importe cobrado por error en un plazo de cinco días hábiles.',
    'El gobierno anunció ayer un nuevo plan para reducir el precio del transporte público durante los meses de verano en las principales ciudades del país.',
    'Miles de personas se reunieron el domingo en el centro de la capital para celebrar la victoria de la selección nacional de fútbol en la final.',
    'Un equipo de científicos españoles ha desarrollado una técnica que permite detectar enfermedades del corazón a partir de una simple muestra de sangre.',
    'Las abejas desempeñan un papel fundamental en la polinización de los cultivos, y su desaparición tendría consecuencias graves para la producción de alimentos.',
    'Los sábados por la mañana suelo ir al mercado del barrio a comprar fruta fresca, pescado y pan recién hecho para toda la semana.',
    'Mi hermano pequeño está aprendiendo a tocar la guitarra y practica todas las tardes después de hacer los deberes del colegio con su amigo.',
    'Si mañana no llueve, podríamos ir de excursión a la montaña con los niños y comer algo en el pueblo que está al lado del lago.',
  ],
  fr: [
    "Bonjour, j'ai commandé un aspirateur sur votre site il y a trois semaines et je n'ai toujours reçu aucune nouvelle concernant la livraison de mon colis.",
    "Pourriez-vous m'indiquer la marche à suivre pour résilier mon abonnement, car je déménage à l'étranger à la fin du mois prochain ?",
    "Nous sommes désolés pour ce désagrément et nous vous remboursons intégralement le montant de votre commande dès réception de l'article retourné.",
    'Le Premier ministre a présenté mercredi un projet de loi visant à simplifier les démarches administratives des petites entreprises et des artisans.',
    "Les pompiers ont lutté toute la nuit contre un important incendie de forêt dans le sud du pays, où des centaines d'habitants ont été évacués.",
    'Selon une étude publiée cette semaine, dormir moins de six heures par nuit augmenterait sensiblement le risque de maladies cardiovasculaires chez les adultes.',
    "Les astronomes ont observé une étoile qui explose à plusieurs milliards d'années-lumière, ce qui pourrait aider à mieux comprendre l'expansion de l'univers.",
    "Le dimanche matin, nous prenons souvent le petit-déjeuner en terrasse avant d'aller nous promener au bord de la rivière avec le chien.",
    "Ma grand-mère m'a appris à faire des crêpes quand j'étais petit, et depuis, j'en prépare chaque année pour toute la famille.",
    'Il faudrait que je pense à acheter du lait et des œufs en rentrant du travail, parce que le frigo est presque complètement vide.',
  ],
  de: [
    'Ich habe vor zwei Wochen einen Staubsauger bei Ihnen bestellt, aber die Lieferung ist bis heute nicht angekommen und niemand beantwortet meine E-Mails.',
    'Können Sie mir bitte erklären, warum auf meiner letzten Rechnung eine Gebühr für einen Tarif steht, den ich nie abgeschlossen habe?',
    'Vielen Dank für Ihre Geduld; wir haben den Fehler in Ihrem Kundenkonto behoben und die falsch berechneten Kosten werden Ihnen erstattet.',
    'Die Bundesregierung hat am Mittwoch beschlossen, den Ausbau der Ladeinfrastruktur für Elektroautos in ländlichen Regionen mit mehreren Milliarden Euro zu fördern.',
    'Nach dem schweren Sturm am Wochenende sind in mehreren Bundesländern noch immer zahlreiche Bahnstrecken gesperrt, weil umgestürzte Bäume auf den Gleisen liegen.',
    'Forscher der Universität haben herausgefunden, dass Krähen erstaunlich gut zählen können und sich an Gesichter von Menschen über Jahre hinweg erinnern.',
    'Das neue Medikament soll das Wachstum von Tumorzellen bremsen, muss aber noch in weiteren klinischen Studien an einer größeren Zahl von Patienten getestet werden.',
    'Am Samstagvormittag gehen wir meistens auf den Wochenmarkt, kaufen frisches Gemüse und trinken danach einen Kaffee in der kleinen Bäckerei an der Ecke.',
    'Meine Kollegin fährt jeden Tag mit dem Fahrrad zur Arbeit, auch wenn es regnet oder im Winter morgens noch dunkel ist.',
    'Wenn du heute Abend Zeit hast, könnten wir zusammen kochen und danach den Film anschauen, von dem alle im Büro so begeistert erzählen.',
  ],
  it: [
    'Buongiorno, ho ordinato una lavatrice sul vostro sito dieci giorni fa, ma non ho ancora ricevuto nessuna comunicazione sulla data di consegna prevista.',
    'Vorrei sapere se è possibile restituire un paio di scarpe acquistate in negozio la settimana scorsa, perché purtroppo la taglia non è quella giusta.',
    "Ci scusiamo per il disagio: abbiamo verificato il problema con il suo contratto e provvederemo a correggere l'importo della prossima bolletta.",
    'Il consiglio comunale ha approvato ieri sera un progetto per trasformare la vecchia stazione ferroviaria in una biblioteca pubblica con spazi per i giovani.',
    'A causa dello sciopero nazionale dei trasporti, molti treni regionali sono stati cancellati e migliaia di pendolari sono rimasti bloccati nelle stazioni.',
    'Un gruppo di ricercatori italiani ha scoperto che alcune piante riescono a comunicare tra loro attraverso segnali chimici rilasciati dalle radici nel terreno.',
    "Secondo gli esperti, l'aumento della temperatura del mare sta modificando le abitudini di molte specie di pesci che vivono nel Mediterraneo.",
    'La domenica pranziamo sempre dai miei genitori, e mia madre prepara le lasagne seguendo la ricetta che le ha insegnato la nonna.',
    'Stasera non ho voglia di uscire, quindi penso che resterò a casa a leggere un libro e a bere una tazza di tè caldo.',
    'Quando eravamo bambini passavamo tutte le estati in campagna dagli zii, dove giocavamo nei campi fino al tramonto senza mai annoiarci.',
  ],
  pt: [
    'Olá, comprei um telemóvel na vossa loja online há duas semanas e até agora não recebi qualquer informação sobre o envio da encomenda.',
    'Gostaria de saber por que motivo a minha fatura deste mês está tão alta, se eu não fiz nenhuma chamada internacional nem usei dados no estrangeiro.',
    'Pedimos desculpa pelo incômodo; o seu pedido foi cancelado com sucesso e o valor será estornado no cartão de crédito em até sete dias úteis.',
    'O governo federal anunciou nesta segunda-feira um pacote de medidas para incentivar a construção de moradias populares nas grandes cidades do país.',
    'As fortes chuvas que atingiram a região sul durante o fim de semana deixaram centenas de famílias desalojadas e provocaram deslizamentos de terra.',
    'Cientistas brasileiros identificaram uma nova espécie de sapo na Mata Atlântica, cuja pele produz substâncias que podem servir para criar novos medicamentos.',
    'O estudo mostra que crianças que passam mais tempo ao ar livre têm menos probabilidade de desenvolver miopia durante os primeiros anos da escola.',
    'Aos domingos costumamos almoçar na casa da minha avó, que prepara sempre uma feijoada enorme para a família inteira e para os vizinhos.',
    'Preciso de passar na farmácia antes de ir para casa, porque o meu filho está com febre desde ontem à noite e acabou o xarope.',
    'Quando chegamos à praia o sol já estava forte, por isso alugamos um guarda-sol e ficamos a conversar à sombra durante toda a tarde.',
  ],
  nl: [
    'Ik heb drie weken geleden een nieuwe wasmachine bij jullie besteld, maar hij is nog steeds niet geleverd en niemand neemt de telefoon op.',
    'Kunt u mij alstublieft laten weten hoe ik mijn abonnement kan opzeggen, omdat ik volgende maand naar het buitenland verhuis voor mijn werk?',
    'Excuses voor het ongemak; we hebben het verkeerd berekende bedrag teruggestort op uw rekening en u ontvangt binnenkort een bevestiging per e-mail.',
    'Het kabinet heeft dinsdag bekendgemaakt dat er volgend jaar extra geld wordt uitgetrokken voor de bouw van betaalbare huurwoningen in de grote steden.',
    'Door de storm van afgelopen nacht zijn in het hele land honderden bomen omgewaaid en rijden er op verschillende trajecten voorlopig geen treinen.',
    'Onderzoekers hebben ontdekt dat zeehonden in de Waddenzee zich oriënteren met behulp van hun snorharen, zelfs wanneer het water erg troebel is.',
    'Volgens de nieuwe studie kan regelmatig wandelen in de natuur het stressniveau aanzienlijk verlagen en de kwaliteit van de slaap verbeteren.',
    'Op zaterdagochtend fiets ik meestal naar de markt om verse groenten, kaas en brood te kopen voor het weekend met de kinderen.',
    'Mijn buurvrouw heeft een kleine moestuin achter haar huis en geeft ons in de zomer vaak tomaten en courgettes die ze zelf heeft gekweekt.',
    'Als het morgen mooi weer is, gaan we met de hele familie naar het strand en nemen we een picknick mee voor de lunch.',
  ],
  sv: [
    'Jag beställde en ny dammsugare från er webbutik för två veckor sedan, men paketet har fortfarande inte kommit och spårningslänken fungerar inte alls.',
    'Kan ni förklara varför jag har debiterats två gånger för samma månadsavgift, trots att jag bara har ett abonnemang hos er?',
    'Vi ber om ursäkt för besväret och har nu återbetalat det felaktiga beloppet till ditt konto, vilket bör synas inom några bankdagar.',
    'Regeringen meddelade i går att man vill satsa flera miljarder kronor på att bygga ut järnvägen mellan de större städerna i norra Sverige.',
    'Under natten till söndagen drabbades stora delar av västkusten av kraftiga stormbyar, och tusentals hushåll var utan ström i flera timmar.',
    'Forskare vid universitetet har upptäckt att vissa fåglar kan känna av jordens magnetfält och använda det för att hitta rätt under sina långa flyttningar.',
    'Den nya studien visar att människor som äter mycket grönsaker och fisk löper mindre risk att drabbas av hjärt- och kärlsjukdomar.',
    'På lördagar brukar vi äta frukost tillsammans i lugn och ro, och sedan går vi en lång promenad i skogen med hunden.',
    'Min dotter har börjat spela fotboll två kvällar i veckan, så nu måste vi skynda oss hem från jobbet för att hinna laga mat innan.',
    'Om det blir fint väder i helgen tänkte vi åka ut till stugan vid sjön och kanske fiska lite eller bada om vattnet inte är för kallt.',
  ],
  nb: [
    'Jeg bestilte en ny mobiltelefon fra nettbutikken deres for to uker siden, men pakken har fremdeles ikke kommet, og sporingsnummeret virker ikke.',
    'Kan dere forklare hvorfor jeg har fått en faktura på abonnementet mitt etter at jeg sa det opp i forrige måned?',
    'Vi beklager ulempen, og vi har nå sendt deg en ny vare som skal komme fram i løpet av tre til fem virkedager.',
    'Regjeringen la i går fram et forslag om å senke skatten på strøm for husholdninger som bor i de kaldeste delene av landet.',
    'Etter flere dager med kraftig snøfall er mange veier i Nord-Norge stengt, og Statens vegvesen ber bilister om å vente med å kjøre.',
    'Forskere ved universitetet har funnet ut at laksen bruker jordens magnetfelt for å finne veien tilbake til elva der den ble født.',
    'Den nye undersøkelsen viser at barn som leser bøker hver dag, får et rikere ordforråd og gjør det bedre på skolen enn jevnaldrende.',
    'På søndager pleier vi å gå på tur i skogen med matpakke og termos, uansett hvordan været er, og ungene synes det er veldig gøy.',
    'Jeg må huske å kjøpe melk og brød på vei hjem fra jobben, for kjøleskapet er nesten tomt og butikken stenger tidlig i dag.',
    'Naboen vår har bygd en ny garasje i hagen, og nå snakker han om å skaffe seg en elbil eller kanskje en elsykkel til neste år.',
  ],
  da: [
    'Jeg bestilte en ny mobiltelefon i jeres webshop for to uger siden, men pakken er stadig ikke kommet frem, og sporingsnummeret virker ikke.',
    'Kan I forklare, hvorfor jeg har modtaget en regning for mit abonnement, selvom jeg opsagde det skriftligt allerede i begyndelsen af sidste måned?',
    'Vi beklager ulejligheden og har nu sendt dig en ny vare, som vil blive leveret inden for tre til fem hverdage.',
    'Regeringen fremlagde i går et forslag om at sænke afgiften på el for husstande, der bor i de mest udsatte landdistrikter.',
    'Efter flere dages kraftigt snefald er mange veje i Nordjylland lukket, og politiet opfordrer bilisterne til at blive hjemme, hvis det er muligt.',
    'Forskere fra Københavns Universitet har fundet ud af, at marsvin bruger lyde til at finde føde, selv når vandet er helt mørkt.',
    'Den nye undersøgelse viser, at børn, der læser bøger hver dag, får et større ordforråd og klarer sig bedre i skolen end deres jævnaldrende.',
    'Om søndagen plejer vi at gå en lang tur i skoven med madpakke og termokande, uanset hvordan vejret er, og børnene synes, det er sjovt.',
    'Jeg skal huske at købe mælk og rugbrød på vejen hjem fra arbejde, for køleskabet er næsten tomt, og butikken lukker tidligt i dag.',
    'Vores nabo har bygget en ny carport i haven, og nu taler han om at købe sig en elbil eller måske en ladcykel næste år.',
  ],
  pl: [
    'Dzień dobry, zamówiłem w państwa sklepie internetowym nowy odkurzacz dwa tygodnie temu, ale paczka do tej pory nie dotarła pod mój adres.',
    'Chciałabym zapytać, dlaczego na ostatniej fakturze pojawiła się dodatkowa opłata za usługę, której nigdy nie zamawiałam i z której nie korzystam.',
    'Przepraszamy za utrudnienia; pieniądze za zwrócony towar zostaną przelane na Pana konto bankowe w ciągu najbliższych pięciu dni roboczych od otrzymania paczki.',
    'Rząd przedstawił we wtorek projekt ustawy, który ma obniżyć ceny energii dla gospodarstw domowych oraz małych firm w przyszłym roku.',
    'Po intensywnych opadach deszczu w południowej części kraju wiele rzek wystąpiło z brzegów, a setki mieszkańców musiały opuścić swoje domy.',
    'Naukowcy z Krakowa odkryli, że niektóre gatunki grzybów potrafią rozkładać plastik znacznie szybciej, niż dotychczas sądzono w środowisku naukowym na całym świecie.',
    'Nowe badania pokazują, że regularna aktywność fizyczna poprawia pamięć i koncentrację nie tylko u dzieci, ale również u osób starszych.',
    'W sobotę rano zwykle chodzimy na targ po świeże warzywa i owoce, a potem pijemy kawę w małej kawiarni niedaleko rynku.',
    'Mój brat uczy się grać na gitarze i ćwiczy codziennie wieczorem, więc w mieszkaniu rzadko jest cicho przed godziną dwudziestą drugą.',
    'Jeśli jutro będzie ładna pogoda, pojedziemy z dziećmi nad jezioro i zjemy obiad w restauracji, którą polecili nam znajomi z pracy.',
  ],
  cs: [
    'Dobrý den, před dvěma týdny jsem si u vás objednal novou pračku, ale zásilka stále nedorazila a na e-maily mi nikdo neodpovídá.',
    'Mohli byste mi prosím vysvětlit, proč mi byl tento měsíc naúčtován poplatek za službu, kterou jsem si nikdy neobjednala a vůbec ji nepoužívám?',
    'Omlouváme se za komplikace; peníze za vrácené zboží vám budou připsány na účet nejpozději do pěti pracovních dnů od přijetí zásilky.',
    'Vláda ve středu schválila návrh zákona, který má od příštího roku snížit daně pro rodiny s malými dětmi a pro začínající podnikatele.',
    'Kvůli silným bouřkám byla v noci na neděli přerušena dodávka elektřiny v několika krajích a hasiči vyjížděli k desítkám spadlých stromů.',
    'Čeští vědci zjistili, že některé druhy netopýrů dokážou rozpoznat hlasy jednotlivých členů své kolonie i po mnoha měsících, kdy byli od sebe odloučeni.',
    'Podle nové studie může pravidelný pohyb na čerstvém vzduchu výrazně zlepšit náladu a snížit riziko vzniku deprese u dospívajících i dospělých.',
    'V sobotu ráno obvykle chodíme na farmářský trh pro čerstvou zeleninu a chleba a potom si dáme kávu v malé kavárně na náměstí.',
    'Můj syn se učí hrát na klavír a cvičí každý den po škole, i když by raději hrál s kamarády fotbal na hřišti.',
    'Jestli bude zítra hezky, pojedeme s dětmi na výlet do hor a na oběd se zastavíme v hospodě u rybníka.',
  ],
  ru: [
    'Здравствуйте, две недели назад я заказал в вашем интернет-магазине новый пылесос, но посылка до сих пор не пришла, а на мои письма никто не отвечает.',
    'Подскажите, пожалуйста, почему в этом месяце с моей карты списали двойную оплату за тариф, хотя я ничего не менял в настройках?',
    'Приносим извинения за неудобства: деньги за возвращённый товар поступят на ваш счёт в течение пяти рабочих дней после получения посылки.',
    'Во вторник правительство представило законопроект, который должен снизить налоговую нагрузку на малый бизнес и упростить регистрацию новых компаний уже со следующего года.',
    'Из-за сильного снегопада в нескольких регионах страны были закрыты аэропорты, и тысячи пассажиров провели всю ночь в переполненных залах ожидания.',
    'Учёные выяснили, что некоторые виды ворон способны использовать инструменты и запоминать лица людей, которые когда-то их обидели, даже спустя несколько лет.',
    'Новое исследование показало, что регулярные прогулки на свежем воздухе улучшают память и помогают справляться со стрессом людям в любом возрасте.',
    'По выходным мы обычно ездим на дачу к родителям, где помогаем им в саду, а вечером все вместе пьём чай на веранде.',
    'Моя младшая сестра учится в музыкальной школе и каждый вечер играет на скрипке, поэтому соседи уже знают все её любимые мелодии.',
    'Если завтра будет хорошая погода, давай пойдём в парк, покатаемся на велосипедах и пообедаем в том маленьком кафе у реки, где мы были прошлым летом.',
  ],
  uk: [
    'Добрий день, два тижні тому я замовив у вашому інтернет-магазині новий пилосос, але посилка досі не прийшла, і ніхто не відповідає на мої листи.',
    'Скажіть, будь ласка, чому цього місяця з моєї картки двічі списали оплату за тариф, хоча я нічого не змінював у налаштуваннях?',
    "Перепрошуємо за незручності: кошти за повернений товар надійдуть на ваш рахунок протягом п'яти робочих днів після того, як ми отримаємо посилку на складі.",
    'У вівторок уряд представив законопроєкт, який має зменшити податкове навантаження на малий бізнес і спростити реєстрацію нових підприємств уже з наступного року.',
    'Через сильний снігопад у кількох областях країни було перекрито дороги, і тисячі водіїв провели всю ніч у величезних заторах на трасах.',
    "Науковці з'ясували, що деякі види ворон здатні використовувати інструменти та запам'ятовувати обличчя людей, які колись їх скривдили, навіть через кілька років.",
    "Нове дослідження показало, що регулярні прогулянки на свіжому повітрі покращують пам'ять і допомагають впоратися зі стресом у будь-якому віці.",
    "На вихідних ми зазвичай їздимо на дачу до батьків, де допомагаємо їм у саду, а ввечері всі разом п'ємо чай на веранді.",
    'Моя молодша сестра навчається в музичній школі й щовечора грає на скрипці, тому сусіди вже знають усі її улюблені мелодії.',
    'Якщо завтра буде гарна погода, ходімо до парку, покатаємося на велосипедах і пообідаємо в тому маленькому кафе біля річки, де ми були минулого літа.',
  ],
  tr: [
    'Merhaba, iki hafta önce sitenizden bir elektrikli süpürge sipariş ettim ama kargo hâlâ gelmedi ve müşteri hizmetleri telefonlarıma hiç cevap vermiyor.',
    'Bu ayki faturamda neden kullanmadığım bir hizmet için ek ücret alındığını açıklayabilir misiniz, çünkü böyle bir paket hiç talep etmedim ve kabul etmedim?',
    'Yaşadığınız sorun için özür dileriz; iade ettiğiniz ürünün ücreti beş iş günü içinde kredi kartınıza geri yatırılacak ve size bilgi verilecektir.',
    'Hükümet salı günü yaptığı açıklamada, büyük şehirlerdeki tüm toplu taşıma ücretlerinin yaz aylarında öğrenciler ve emekliler için yarı yarıya indirileceğini duyurdu.',
    'Gece boyunca etkili olan şiddetli yağmur nedeniyle Karadeniz kıyısındaki birçok köy yolu kapandı ve bazı evleri sel suyu bastı, ekipler bölgede çalışıyor.',
    'Bilim insanları, yaptıkları yeni bir araştırmada bazı kuş türlerinin dünyanın manyetik alanını algılayarak binlerce kilometre uzaklıktaki göç yollarını hiç şaşırmadan bulabildiğini keşfetti.',
    'Yeni bir araştırmaya göre her gün en az yarım saat yürüyüş yapmak, kalp hastalıkları riskini önemli ölçüde azaltıyor ve uyku kalitesini de artırıyor.',
    'Hafta sonları genellikle ailece kahvaltı yapıyoruz, sonra çocuklarla birlikte parka gidip akşama kadar bisiklet sürüyor ve top oynuyoruz, çok eğleniyoruz.',
    'Annem her bayramda bütün akrabaları evimize davet eder ve sabahtan akşama kadar mutfakta durmadan börek, dolma ve tatlı hazırlar, biz de ona yardım ederiz.',
    'Yarın hava güzel olursa arkadaşlarla birlikte sahile gidip denize girmeyi, sonra da balıkçıda akşam yemeği yemeyi düşünüyoruz, sen de gelmek ister misin?',
  ],
  ar: [
    'مرحباً، طلبت جهاز تلفاز جديداً من متجركم الإلكتروني قبل أسبوعين، لكن الطلب لم يصل حتى الآن ولا أحد يرد على رسائلي أو مكالماتي.',
    'هل يمكنكم أن توضحوا لي سبب وجود رسوم إضافية في فاتورة هذا الشهر على خدمة لم أطلبها أبداً ولم أستخدمها على الإطلاق؟',
    'نعتذر عن الإزعاج الذي سببناه لك، وقد تمت إعادة المبلغ إلى بطاقتك الائتمانية وسيظهر في حسابك خلال خمسة أيام عمل.',
    'أعلنت الحكومة يوم الثلاثاء عن خطة جديدة لبناء آلاف الوحدات السكنية بأسعار مناسبة للشباب والأسر ذات الدخل المحدود في المدن الكبرى.',
    'تسببت الأمطار الغزيرة التي هطلت طوال الليل في إغلاق عدد من الطرق الرئيسية، وطلبت السلطات من السكان عدم الخروج إلا للضرورة القصوى.',
    'اكتشف فريق من العلماء أن بعض أنواع الطيور تستطيع الإحساس بالمجال المغناطيسي للأرض وتستخدمه لتحديد طريقها أثناء الهجرة الطويلة كل عام.',
    'تشير دراسة حديثة إلى أن ممارسة المشي لمدة نصف ساعة يومياً تقلل بشكل كبير من خطر الإصابة بأمراض القلب وتحسن جودة النوم.',
    'في عطلة نهاية الأسبوع نذهب عادة إلى بيت جدتي، حيث نتناول الغداء معاً ونجلس في الحديقة ونتحدث حتى غروب الشمس.',
    'يتعلم أخي الصغير العزف على العود منذ شهرين، ويتدرب كل مساء بعد أن ينتهي من واجباته المدرسية، وقد أصبح يعزف بشكل جميل.',
    'إذا كان الجو جميلاً غداً، فلنذهب إلى الشاطئ مع الأطفال ونأخذ معنا بعض الطعام والعصير لنقضي هناك يوماً كاملاً من المرح.',
  ],
  hi: [
    'नमस्ते, मैंने दो हफ्ते पहले आपकी वेबसाइट से एक नया मोबाइल फ़ोन मंगवाया था, लेकिन अभी तक पार्सल नहीं पहुँचा है और कोई जवाब भी नहीं दे रहा है।',
    'कृपया बताइए कि इस महीने के बिल में ऐसी सेवा के लिए अतिरिक्त शुल्क क्यों जोड़ा गया है, जिसे मैंने कभी चालू ही नहीं किया था?',
    'असुविधा के लिए हमें खेद है, आपकी वापसी की राशि पाँच कार्यदिवसों के भीतर आपके बैंक खाते में भेज दी जाएगी।',
    'सरकार ने मंगलवार को घोषणा की कि अगले साल से छोटे शहरों में नए अस्पताल और स्कूल बनाने के लिए अतिरिक्त धनराशि दी जाएगी।',
    'रात भर हुई भारी बारिश के कारण शहर की कई सड़कों पर पानी भर गया और स्कूलों को आज बंद रखने का आदेश दिया गया है।',
    'वैज्ञानिकों ने पता लगाया है कि कुछ पक्षी पृथ्वी के चुंबकीय क्षेत्र को महसूस कर सकते हैं और लंबी यात्रा के दौरान उसी की मदद से रास्ता खोजते हैं।',
    'एक नए अध्ययन के अनुसार रोज़ाना आधा घंटा पैदल चलने से दिल की बीमारियों का खतरा काफ़ी कम हो जाता है और नींद भी बेहतर होती है।',
    'रविवार को हम सब दादी के घर जाते हैं, जहाँ वह हमारे लिए गरम पराठे और आलू की सब्ज़ी बनाती हैं और हम देर तक बातें करते हैं।',
    'मेरा छोटा भाई रोज़ शाम को स्कूल का काम खत्म करने के बाद पार्क में अपने दोस्तों के साथ क्रिकेट खेलने जाता है।',
    'अगर कल मौसम अच्छा रहा तो हम बच्चों को लेकर पहाड़ों पर घूमने चलेंगे और वहीं किसी ढाबे पर खाना खाएँगे।',
  ],
  zh: [
    '你好，我两个星期前在你们的网店买了一台新的吸尘器，但是到现在还没有收到包裹，客服电话也一直没有人接听。',
    '请问为什么我这个月的账单里多了一笔我从来没有开通过的会员服务费用？麻烦帮我查一下并尽快退款。',
    '非常抱歉给您带来不便，我们已经为您办理了退货手续，退款将在五个工作日内退回到您的银行卡上。',
    '政府周二宣布，明年将投入更多资金在中小城市建设新的医院和学校，以改善当地居民的生活条件。',
    '受连续暴雨影响，南方多个省份出现严重洪涝灾害，数万名居民已被紧急转移到安全地区。',
    '科学家发现，有些鸟类能够感知地球的磁场，并在长途迁徙过程中利用它来判断飞行的方向。',
    '一项最新研究表明，每天坚持散步半小时可以明显降低患心脏病的风险，同时还能提高睡眠质量。',
    '每个周末我们都会去奶奶家吃饭，她总是做一大桌子菜，吃完饭以后大家一起在院子里喝茶聊天。',
    '我弟弟最近在学弹钢琴，每天放学写完作业以后都要练习一个小时，现在已经能弹好几首曲子了。',
    '如果明天天气好的话，我们带孩子去公园骑自行车，中午就在湖边那家小饭馆吃午饭吧。',
  ],
  ja: [
    '二週間前にそちらのオンラインストアで掃除機を注文したのですが、まだ商品が届いておらず、問い合わせのメールにも返信がありません。',
    '今月の請求書に、申し込んだ覚えのないオプションサービスの料金が含まれているのですが、理由を教えていただけますか。',
    'ご不便をおかけして大変申し訳ございません。返品の手続きが完了しましたので、五営業日以内にご返金いたします。',
    '政府は火曜日、来年度から地方の中小都市に新しい病院や学校を建設するための予算を大幅に増やすと発表しました。',
    '昨夜から降り続いた大雨の影響で、九州の各地で川が氾濫し、数千人の住民が近くの避難所に避難しています。',
    '研究者たちは、一部の渡り鳥が地球の磁場を感じ取り、それを利用して何千キロも離れた目的地まで正確に飛んでいくことを発見しました。',
    '新しい研究によると、毎日三十分ほど歩くだけで心臓病のリスクが大きく下がり、睡眠の質も良くなることが分かりました。',
    '週末はたいてい祖母の家に行って、みんなでお昼ご飯を食べたあと、庭でお茶を飲みながらゆっくり話をします。',
    '弟は最近ピアノを習い始めて、毎日学校から帰って宿題を終えたあと、一時間ぐらい練習しています。',
    '明日天気が良かったら、子どもたちを連れて公園へ行って、自転車に乗ったり湖のそばでお弁当を食べたりしましょう。',
  ],
  ko: [
    '안녕하세요, 제가 2주 전에 귀사의 온라인 쇼핑몰에서 무선 청소기를 하나 주문했는데 아직까지 물건이 도착하지 않았고 고객센터에 여러 번 전화해도 아무도 받지 않아서 정말 답답합니다.',
    '이번 달 요금 청구서에 제가 한 번도 신청한 적이 없는 부가 서비스 요금이 포함되어 있는데 왜 이런 요금이 청구되었는지 자세히 설명해 주실 수 있을까요?',
    '불편을 드려서 정말 죄송합니다. 반품 처리가 모두 완료되었으며 결제하신 금액은 영업일 기준으로 오 일 이내에 고객님의 카드로 다시 환불될 예정입니다.',
    '정부는 화요일에 내년부터 지방의 작은 도시들에 새로운 병원과 학교를 짓기 위해 예산을 크게 늘리겠다고 발표했으며 주민들은 이 소식을 대체로 환영하고 있습니다.',
    '어젯밤부터 계속 내린 폭우로 인해 남부 지방의 여러 하천이 범람했고 수천 명의 주민들이 가까운 학교와 체육관에 마련된 대피소로 급히 대피했습니다.',
    '연구진은 일부 철새들이 지구의 자기장을 느낄 수 있으며 이를 이용해 수천 킬로미터나 떨어진 목적지까지 길을 잃지 않고 정확하게 날아간다는 사실을 밝혀냈습니다.',
    '새로운 연구에 따르면 매일 삼십 분 정도 꾸준히 걷기만 해도 심장병에 걸릴 위험이 크게 줄어들고 밤에 잠도 훨씬 더 깊이 잘 수 있다고 합니다.',
    '주말이 되면 우리 가족은 보통 할머니 댁에 가서 다 같이 점심을 먹고 마당에 앉아 차를 마시면서 해가 질 때까지 이런저런 이야기를 나눕니다.',
    '제 동생은 요즘 피아노를 배우기 시작해서 매일 학교에서 돌아와 숙제를 끝낸 다음에 한 시간 정도 열심히 연습을 하고 있어서 실력이 많이 늘었습니다.',
    '내일 날씨가 좋으면 아이들을 데리고 동네 공원에 가서 자전거도 타고 호숫가에 앉아 도시락도 먹으면서 오랜만에 온 가족이 함께 여유로운 하루를 보내면 어떨까요?',
  ],
  vi: [
    'Xin chào, tôi đã đặt mua một chiếc máy hút bụi trên trang web của quý công ty hai tuần trước nhưng đến nay vẫn chưa nhận được hàng.',
    'Vui lòng giải thích giúp tôi tại sao hóa đơn tháng này lại có thêm một khoản phí cho dịch vụ mà tôi chưa bao giờ đăng ký.',
    'Chúng tôi thành thật xin lỗi vì sự bất tiện này, số tiền hoàn lại sẽ được chuyển vào tài khoản của quý khách trong vòng năm ngày làm việc.',
    'Chính phủ vừa công bố kế hoạch xây dựng thêm nhiều bệnh viện và trường học tại các tỉnh miền núi trong giai đoạn từ nay đến năm sau.',
    'Do mưa lớn kéo dài suốt đêm qua, nhiều tuyến đường ở trung tâm thành phố bị ngập sâu và hàng nghìn người dân phải tạm thời sơ tán.',
    'Các nhà khoa học phát hiện rằng một số loài chim di cư có thể cảm nhận được từ trường của Trái Đất để tìm đường bay về phương nam.',
    'Theo một nghiên cứu mới, việc đi bộ ba mươi phút mỗi ngày giúp giảm đáng kể nguy cơ mắc bệnh tim và cải thiện chất lượng giấc ngủ.',
    'Cuối tuần nào cả nhà tôi cũng về quê thăm bà nội, cùng nhau nấu cơm, ăn trưa rồi ngồi uống trà ngoài hiên cho đến tối.',
    'Em trai tôi dạo này đang học đàn piano, ngày nào đi học về làm bài tập xong cũng tập đàn khoảng một tiếng đồng hồ.',
    'Nếu ngày mai trời đẹp, chúng ta đưa các con ra công viên đạp xe rồi ăn trưa ở quán nhỏ cạnh hồ nhé.',
  ],
  id: [
    'Selamat siang, saya memesan sebuah penyedot debu dari toko online Anda dua minggu yang lalu, tetapi sampai sekarang paketnya belum juga sampai di rumah.',
    'Mohon dijelaskan mengapa tagihan bulan ini mencantumkan biaya tambahan untuk layanan yang tidak pernah saya daftarkan dan tidak pernah saya gunakan sama sekali.',
    'Kami mohon maaf atas ketidaknyamanan ini, dana pengembalian akan ditransfer ke rekening Bapak dalam waktu lima hari kerja setelah barang kami terima.',
    'Pemerintah mengumumkan pada hari Selasa bahwa mulai tahun depan akan ada tambahan anggaran untuk membangun rumah sakit dan sekolah di daerah terpencil.',
    'Hujan deras yang turun sepanjang malam menyebabkan banjir di beberapa wilayah Jakarta, sehingga ribuan warga terpaksa mengungsi ke tempat yang lebih aman.',
    'Para ilmuwan menemukan bahwa beberapa jenis burung dapat merasakan medan magnet bumi dan menggunakannya untuk menentukan arah saat bermigrasi jarak jauh.',
    'Menurut sebuah penelitian terbaru, berjalan kaki selama tiga puluh menit setiap hari dapat menurunkan risiko penyakit jantung dan membuat tidur lebih nyenyak.',
    'Setiap akhir pekan kami sekeluarga biasanya pergi ke rumah nenek, makan siang bersama, lalu mengobrol di teras sampai matahari terbenam.',
    'Adik saya sedang belajar bermain gitar dan setiap sore setelah mengerjakan PR dia selalu berlatih selama kurang lebih satu jam di kamarnya.',
    'Kalau besok cuacanya cerah, bagaimana kalau kita mengajak anak-anak ke taman untuk bersepeda dan makan siang di warung dekat danau?',
  ],
  fi: [
    'Hei, tilasin verkkokaupastanne uuden pölynimurin kaksi viikkoa sitten, mutta pakettia ei ole vieläkään tullut eikä kukaan vastaa sähköposteihini tai puheluihini.',
    'Voisitteko kertoa, miksi tämän kuun laskussani on lisämaksu palvelusta, jota en ole koskaan tilannut enkä ole käyttänyt kertaakaan koko vuoden aikana?',
    'Pahoittelemme aiheutunutta haittaa; palautetun tuotteen hinta maksetaan takaisin tilillenne viiden arkipäivän kuluessa siitä, kun olemme vastaanottaneet paketin varastollamme ja tarkistaneet sen.',
    'Hallitus ilmoitti tiistaina, että ensi vuonna pienille kunnille myönnetään lisää rahaa uusien koulujen ja terveyskeskusten rakentamiseen eri puolilla maata, erityisesti Pohjois-Suomessa ja Lapissa.',
    'Koko yön jatkunut voimakas myrsky kaatoi satoja puita eri puolilla Etelä-Suomea, ja kymmenettuhannet kotitaloudet olivat ilman sähköä vielä sunnuntaiaamuna, kertoi sähköyhtiö tiedotteessaan.',
    'Tutkijat ovat havainneet, että jotkin muuttolinnut pystyvät aistimaan maapallon magneettikentän ja käyttävät sitä suunnistaessaan tuhansien kilometrien pituisilla matkoillaan kohti etelää.',
    'Uuden tutkimuksen mukaan puolen tunnin päivittäinen kävely vähentää merkittävästi sydänsairauksien riskiä ja parantaa myös unen laatua erityisesti ikääntyneillä ihmisillä, jotka asuvat yksin.',
    'Viikonloppuisin menemme yleensä koko perheen kanssa mökille järven rannalle, jossa saunomme, uimme ja grillaamme makkaraa myöhään iltaan asti, jos sää vain sallii.',
    'Pikkuveljeni on alkanut opetella pianonsoittoa, ja hän harjoittelee joka päivä noin tunnin koulun jälkeen, kun läksyt on ensin tehty valmiiksi.',
    'Jos huomenna on kaunis ilma, voisimme lähteä lasten kanssa puistoon pyöräilemään ja syödä sen jälkeen lounasta siinä pienessä kahvilassa järven rannalla.',
  ],
  el: [
    'Καλησπέρα σας, παρήγγειλα μια καινούργια ηλεκτρική σκούπα από το ηλεκτρονικό σας κατάστημα πριν από δύο εβδομάδες, αλλά το δέμα δεν έχει φτάσει ακόμα.',
    'Θα μπορούσατε να μου εξηγήσετε γιατί ο λογαριασμός αυτού του μήνα περιλαμβάνει χρέωση για μια υπηρεσία που δεν ζήτησα ποτέ και δεν χρησιμοποιώ;',
    'Ζητούμε συγγνώμη για την ταλαιπωρία· το ποσό της επιστροφής θα κατατεθεί στον λογαριασμό σας μέσα σε πέντε εργάσιμες ημέρες από την παραλαβή του προϊόντος.',
    'Η κυβέρνηση ανακοίνωσε την Τρίτη ότι από τον επόμενο χρόνο θα διατεθούν περισσότερα χρήματα για την κατασκευή νέων σχολείων και νοσοκομείων στα νησιά.',
    'Εξαιτίας των ισχυρών ανέμων που έπνεαν όλη τη νύχτα, πολλά πλοία έμειναν δεμένα στα λιμάνια και χιλιάδες επιβάτες περίμεναν για ώρες στον Πειραιά.',
    'Οι επιστήμονες ανακάλυψαν ότι ορισμένα αποδημητικά πουλιά μπορούν να αντιληφθούν το μαγνητικό πεδίο της Γης και το χρησιμοποιούν για να βρίσκουν τον δρόμο τους.',
    'Σύμφωνα με μια νέα μελέτη, το καθημερινό περπάτημα για μισή ώρα μειώνει σημαντικά τον κίνδυνο καρδιακών παθήσεων και βελτιώνει την ποιότητα του ύπνου.',
    'Τις Κυριακές συνήθως τρώμε όλοι μαζί στο σπίτι της γιαγιάς μου, η οποία μαγειρεύει πάντα μουσακά και γεμιστά για όλη την οικογένεια.',
    'Ο μικρός μου αδελφός μαθαίνει πιάνο εδώ και λίγους μήνες και κάθε απόγευμα, αφού τελειώσει τα μαθήματά του, κάνει εξάσκηση για μία ώρα.',
    'Αν αύριο έχει καλό καιρό, ας πάμε με τα παιδιά στην παραλία και ας φάμε μεσημεριανό στην ταβέρνα δίπλα στη θάλασσα.',
  ],
  he: [
    'שלום, הזמנתי שואב אבק חדש מהאתר שלכם לפני שבועיים, אבל החבילה עדיין לא הגיעה ואף אחד לא עונה לטלפונים ולמיילים שלי.',
    'תוכלו בבקשה להסביר לי למה בחשבונית של החודש הזה יש חיוב נוסף על שירות שמעולם לא הזמנתי ואני גם לא משתמש בו?',
    'אנחנו מתנצלים על אי הנוחות, הכסף עבור המוצר שהחזרת יוחזר לכרטיס האשראי שלך תוך חמישה ימי עסקים מרגע קבלת החבילה במחסן.',
    'הממשלה הודיעה ביום שלישי כי בשנה הבאה יוקצה תקציב נוסף לבניית בתי ספר ובתי חולים חדשים בערים הקטנות בצפון ובדרום הארץ.',
    'בעקבות הגשמים העזים שירדו במהלך הלילה נחסמו כמה כבישים ראשיים, והמשטרה ביקשה מהנהגים להימנע מנסיעות שאינן הכרחיות עד שהמים ייסוגו.',
    'מדענים גילו שחלק מציפורי הנדידה מסוגלות לחוש את השדה המגנטי של כדור הארץ ומשתמשות בו כדי למצוא את דרכן במהלך המסע הארוך.',
    'לפי מחקר חדש, הליכה של חצי שעה בכל יום מפחיתה באופן משמעותי את הסיכון למחלות לב ומשפרת גם את איכות השינה של המשתתפים.',
    'בכל יום שישי אנחנו נוסעים לארוחת ערב אצל סבתא, שמבשלת תמיד מרק עוף ועוגת שמרים, ואחר כך כולנו יושבים במרפסת ומדברים עד מאוחר.',
    'אחי הקטן התחיל ללמוד לנגן בגיטרה לפני כמה חודשים, והוא מתאמן כל ערב אחרי שהוא מסיים להכין את שיעורי הבית שלו.',
    'אם מחר יהיה מזג אוויר נעים, בואו ניקח את הילדים לפארק, נרכב על אופניים ונאכל ארוחת צהריים בבית הקפה שליד האגם.',
  ],
};

/** ISO 639-1 code → short texts of 3–8 words (support requests and chat replies). */
export const SHORT = {
  en: [
    'Where is my order?',
    'Thanks, that fixed the problem.',
    'I want to cancel my subscription.',
    'The weather is lovely today.',
    'Can you call me back later?',
    'My password reset link expired.',
  ],
  es: [
    '¿Dónde está mi pedido?',
    'Gracias, ya funciona perfectamente.',
    'Quiero cancelar mi suscripción, por favor.',
    'Hoy hace mucho calor.',
    '¿Me puede llamar más tarde?',
    'El enlace para cambiar la contraseña caducó.',
  ],
  fr: [
    'Où est ma commande ?',
    'Merci, tout fonctionne maintenant.',
    'Je voudrais annuler mon abonnement.',
    "Il fait très beau aujourd'hui.",
    'Pouvez-vous me rappeler plus tard ?',
    'Le lien de réinitialisation a expiré.',
  ],
  de: [
    'Wo ist meine Bestellung?',
    'Danke, jetzt funktioniert alles.',
    'Ich möchte mein Abo kündigen.',
    'Heute ist das Wetter herrlich.',
    'Können Sie mich später zurückrufen?',
    'Der Link zum Zurücksetzen ist abgelaufen.',
  ],
  it: [
    "Dov'è il mio ordine?",
    'Grazie, adesso funziona tutto.',
    'Vorrei disdire il mio abbonamento.',
    'Oggi fa davvero caldo.',
    'Mi può richiamare più tardi?',
    'Il link per reimpostare la password è scaduto.',
  ],
  pt: [
    'Onde está a minha encomenda?',
    'Obrigado, agora já funciona.',
    'Quero cancelar a minha assinatura.',
    'Hoje está muito calor.',
    'Pode ligar-me mais tarde?',
    'O link para redefinir a senha expirou.',
  ],
  nl: [
    'Waar is mijn bestelling?',
    'Bedankt, nu werkt alles weer.',
    'Ik wil mijn abonnement opzeggen.',
    'Het is vandaag prachtig weer.',
    'Kunt u mij later terugbellen?',
    'De link voor mijn wachtwoord is verlopen.',
  ],
  sv: [
    'Var är min beställning?',
    'Tack, nu fungerar allt igen.',
    'Jag vill säga upp mitt abonnemang.',
    'Vädret är underbart i dag.',
    'Kan ni ringa mig senare?',
    'Länken för att återställa lösenordet har gått ut.',
  ],
  nb: [
    'Hvor er bestillingen min?',
    'Takk, nå virker alt igjen.',
    'Jeg vil si opp abonnementet mitt.',
    'Været er nydelig i dag.',
    'Kan dere ringe meg senere?',
    'Lenken for å tilbakestille passordet har utløpt.',
  ],
  da: [
    'Hvor er min bestilling?',
    'Tak, nu virker det hele igen.',
    'Jeg vil gerne opsige mit abonnement.',
    'Vejret er skønt i dag.',
    'Kan I ringe mig op senere?',
    'Linket til at nulstille adgangskoden er udløbet.',
  ],
  pl: [
    'Gdzie jest moje zamówienie?',
    'Dziękuję, teraz wszystko działa.',
    'Chcę anulować moją subskrypcję.',
    'Dzisiaj jest piękna pogoda.',
    'Czy może pan oddzwonić później?',
    'Link do zmiany hasła wygasł.',
  ],
  cs: [
    'Kde je moje objednávka?',
    'Děkuji, teď už všechno funguje.',
    'Chci zrušit své předplatné.',
    'Dnes je krásné počasí.',
    'Můžete mi zavolat později?',
    'Odkaz pro obnovení hesla vypršel.',
  ],
  ru: [
    'Где мой заказ?',
    'Спасибо, теперь всё работает.',
    'Я хочу отменить подписку.',
    'Сегодня прекрасная погода.',
    'Можете перезвонить мне позже?',
    'Ссылка для сброса пароля устарела.',
  ],
  uk: [
    'Де моє замовлення?',
    'Дякую, тепер усе працює.',
    'Я хочу скасувати підписку.',
    'Сьогодні чудова погода.',
    'Чи можете передзвонити мені пізніше?',
    'Посилання для зміни пароля застаріло.',
  ],
  tr: [
    'Siparişim hâlâ gelmedi, nerede acaba?',
    'Teşekkürler, şimdi her şey çalışıyor.',
    'Aboneliğimi iptal etmek istiyorum.',
    'Bugün hava çok güzel.',
    'Beni daha sonra arayabilir misiniz?',
    'Şifre sıfırlama bağlantısının süresi dolmuş.',
  ],
  ar: [
    'أين طلبي الذي اشتريته؟',
    'شكراً، الآن كل شيء يعمل.',
    'أريد إلغاء اشتراكي من فضلك.',
    'الطقس جميل جداً اليوم.',
    'هل يمكنك الاتصال بي لاحقاً؟',
    'انتهت صلاحية رابط إعادة تعيين كلمة المرور.',
  ],
  hi: [
    'मेरा ऑर्डर कहाँ है?',
    'धन्यवाद, अब सब ठीक चल रहा है।',
    'मैं अपनी सदस्यता रद्द करना चाहता हूँ।',
    'आज मौसम बहुत अच्छा है।',
    'क्या आप बाद में फ़ोन करेंगे?',
    'पासवर्ड बदलने का लिंक काम नहीं कर रहा।',
  ],
  zh: [
    '我的订单在哪里？',
    '谢谢，现在一切正常了。',
    '我想取消我的订阅。',
    '今天天气真好。',
    '能晚点回电话吗？',
    '密码链接过期了。',
  ],
  ja: [
    '注文した商品はどこですか？',
    'ありがとう、直りました。',
    '有料プランを解約したいです。',
    '今日はとてもいい天気ですね。',
    '後で電話をください。',
    'パスワード再設定のリンクが期限切れです。',
  ],
  ko: [
    '제 주문은 어디에 있나요?',
    '감사합니다, 이제 잘 됩니다.',
    '구독을 취소하고 싶어요.',
    '오늘 날씨가 정말 좋네요.',
    '나중에 다시 전화해 주시겠어요?',
    '비밀번호 재설정 링크가 만료되었어요.',
  ],
  vi: [
    'Đơn hàng của tôi đâu rồi?',
    'Cảm ơn, bây giờ mọi thứ ổn rồi.',
    'Tôi muốn hủy gói đăng ký.',
    'Hôm nay trời đẹp quá.',
    'Bạn có thể gọi lại sau không?',
    'Mã xác nhận đã hết hạn.',
  ],
  id: [
    'Di mana pesanan saya?',
    'Terima kasih, sekarang sudah berfungsi.',
    'Saya ingin membatalkan langganan saya.',
    'Hari ini cuacanya cerah sekali.',
    'Bisakah Anda menelepon saya nanti?',
    'Tautan untuk mengatur ulang kata sandi kedaluwarsa.',
  ],
  fi: [
    'Missä tilaukseni on?',
    'Kiitos, nyt kaikki toimii taas.',
    'Haluan peruuttaa tilaukseni.',
    'Tänään on todella kaunis ilma.',
    'Voisitteko soittaa minulle myöhemmin?',
    'Salasanan palautuslinkki on vanhentunut.',
  ],
  el: [
    'Πού είναι η παραγγελία μου;',
    'Ευχαριστώ, τώρα λειτουργούν όλα.',
    'Θέλω να ακυρώσω τη συνδρομή μου.',
    'Ο καιρός είναι υπέροχος σήμερα.',
    'Μπορείτε να με καλέσετε αργότερα;',
    'Ο σύνδεσμος επαναφοράς κωδικού έληξε.',
  ],
  he: [
    'איפה ההזמנה שלי?',
    'תודה, עכשיו הכול עובד.',
    'אני רוצה לבטל את המנוי שלי.',
    'מזג האוויר יפה מאוד היום.',
    'תוכלו להתקשר אליי מאוחר יותר?',
    'הקישור לאיפוס הסיסמה פג תוקף.',
  ],
};

/**
 * Chat conversations: `lang` is the conversation's language, each turn is [role, language of the
 * turn, content]. Some turns are in another language (a model answering in English, a Danish reply in
 * a Norwegian chat); short acknowledgements are there to be skipped by the turn check.
 */
export const CHATS = [
  {
    lang: 'es',
    turns: [
      [
        'user',
        'es',
        'Hola, necesito ayuda con mi pedido número 4821, me llegó la caja vacía y no sé qué hacer.',
      ],
      [
        'assistant',
        'es',
        'Lo siento mucho. He abierto una reclamación con la empresa de transporte y le enviaremos un pedido nuevo sin coste esta misma semana.',
      ],
      ['user', 'es', 'Vale, gracias.'],
      [
        'assistant',
        'es',
        'De nada. Recibirá un correo con el nuevo número de seguimiento en cuanto el paquete salga del almacén.',
      ],
    ],
  },
  {
    lang: 'de',
    turns: [
      [
        'user',
        'de',
        'Guten Tag, mein Router verliert seit gestern Abend alle paar Minuten die Verbindung zum Internet. Was kann ich tun?',
      ],
      [
        'assistant',
        'en',
        'I am sorry to hear that. Please unplug the router for thirty seconds, plug it back in and tell me whether the light on the front turns green.',
      ],
      [
        'user',
        'de',
        'Das habe ich schon zweimal gemacht, aber die Lampe blinkt weiterhin orange und nichts funktioniert.',
      ],
      [
        'assistant',
        'de',
        'Danke für die Rückmeldung. Dann schicke ich Ihnen einen Techniker vorbei; er kann morgen zwischen acht und zwölf Uhr kommen.',
      ],
    ],
  },
  {
    lang: 'fr',
    turns: [
      [
        'user',
        'fr',
        "Bonjour, je n'arrive plus à me connecter à mon compte depuis que j'ai changé de téléphone la semaine dernière.",
      ],
      [
        'assistant',
        'fr',
        'Bonjour ! Je vous envoie un lien pour réinitialiser votre mot de passe. Pensez à vérifier aussi le dossier des courriers indésirables.',
      ],
      ['user', 'fr', "D'accord, merci."],
      [
        'user',
        'fr',
        "C'est bon, j'ai reçu le lien et j'ai pu me reconnecter sans problème. Merci beaucoup pour votre aide rapide !",
      ],
    ],
  },
  {
    lang: 'nb',
    turns: [
      [
        'user',
        'nb',
        'Hei! Jeg har flyttet til en ny leilighet og lurer på hvordan jeg kan endre adressen på strømavtalen min.',
      ],
      [
        'assistant',
        'nb',
        'Hei, så hyggelig med ny leilighet! Du kan endre adressen selv under «Min side», eller så kan jeg gjøre det for deg nå.',
      ],
      [
        'user',
        'nb',
        'Det hadde vært fint om du kunne gjøre det, for jeg finner ikke innloggingen min akkurat nå.',
      ],
      [
        'assistant',
        'da',
        'Selvfølgelig. Jeg har nu ændret adressen, og du modtager snart en bekræftelse på mail med de nye oplysninger.',
      ],
    ],
  },
  {
    lang: 'ja',
    turns: [
      [
        'user',
        'ja',
        '先週注文したスニーカーのサイズが合わなかったので、交換をお願いしたいのですが、どうすればいいですか。',
      ],
      [
        'assistant',
        'ja',
        'ご連絡ありがとうございます。交換用の返送ラベルをメールでお送りしますので、商品を箱に入れて発送してください。',
      ],
      [
        'assistant',
        'en',
        'Once we receive the shoes at our warehouse, the new pair will be shipped within two business days.',
      ],
    ],
  },
  {
    lang: 'pt',
    turns: [
      [
        'user',
        'pt',
        'Boa tarde, a minha internet está muito lenta desde ontem e não consigo trabalhar a partir de casa.',
      ],
      [
        'assistant',
        'pt',
        'Boa tarde! Verifiquei a sua linha e existe uma avaria na sua zona. Os técnicos já estão a trabalhar para resolver o problema.',
      ],
      ['user', 'pt', 'Está bem, obrigado.'],
    ],
  },
  {
    lang: 'ru',
    turns: [
      [
        'user',
        'ru',
        'Добрый день! Я оплатил заказ вчера вечером, но в личном кабинете он до сих пор отображается как неоплаченный.',
      ],
      [
        'assistant',
        'uk',
        'Добрий день! Платіж іноді обробляється до двох робочих днів, тому статус замовлення оновиться найближчим часом.',
      ],
      [
        'assistant',
        'ru',
        'Если завтра статус не изменится, пришлите, пожалуйста, чек об оплате, и мы всё проверим вручную.',
      ],
    ],
  },
  {
    lang: 'en',
    turns: [
      [
        'user',
        'en',
        'Hi, I was charged twice for the same hotel booking and I would like one of the payments refunded, please.',
      ],
      [
        'assistant',
        'en',
        'I can see both charges on your account. I have cancelled the duplicate and the money should be back on your card within five days.',
      ],
      [
        'user',
        'es',
        'Perfecto, muchas gracias. ¿Me podría enviar también la factura a mi correo electrónico, por favor?',
      ],
      ['assistant', 'en', 'Of course, I have just sent the invoice to the email address on your booking.'],
    ],
  },
  {
    lang: 'ko',
    turns: [
      ['user', 'ko', '안녕하세요, 어제 주문한 책이 아직 배송 준비 중으로 나오는데 언제쯤 받을 수 있을까요?'],
      [
        'assistant',
        'ko',
        '안녕하세요, 고객님. 해당 상품은 오늘 오후에 출고될 예정이며 보통 하루에서 이틀 안에 도착합니다.',
      ],
      ['user', 'ko', '네, 감사합니다!'],
    ],
  },
  {
    lang: 'it',
    turns: [
      [
        'user',
        'it',
        'Salve, vorrei sapere se posso modificare la data della mia prenotazione per il ristorante di sabato sera.',
      ],
      [
        'assistant',
        'en',
        'Of course. Which date would you like instead, and will the number of guests stay the same?',
      ],
      [
        'user',
        'it',
        'Vorrei spostarla a domenica alla stessa ora, e saremo in quattro invece che in tre, grazie mille.',
      ],
    ],
  },
  {
    lang: 'pl',
    turns: [
      [
        'user',
        'pl',
        'Dzień dobry, kurier zostawił paczkę u sąsiada, ale sąsiad twierdzi, że niczego nie dostał. Co mam zrobić?',
      ],
      [
        'assistant',
        'pl',
        'Bardzo mi przykro. Zgłosiłem reklamację u przewoźnika i skontaktujemy się z panem w ciągu dwóch dni roboczych.',
      ],
    ],
  },
  {
    lang: 'zh',
    turns: [
      ['user', 'zh', '你好，我昨天买的耳机左边没有声音，可以换一个新的吗？'],
      [
        'assistant',
        'zh',
        '非常抱歉给您带来麻烦。请您在订单页面申请换货，我们收到商品后会马上给您寄出新的耳机。',
      ],
      ['assistant', 'ja', 'ご不明な点がございましたら、いつでもお気軽にお問い合わせください。'],
    ],
  },
];

/**
 * Code-switched turns: a sentence in one language carrying English product names and terms, as in
 * support chats about technology. Script shortcuts (Hangul → ko, kana → ja, …) are measured on these.
 * The zh ones hold a katakana middle dot or Latin words and must stay zh.
 */
export const MIXED = [
  ['ko', '어제 산 노트북에서 Wi-Fi 연결이 계속 끊기고 Bluetooth mouse도 인식이 안 돼요.'],
  ['ko', 'Python script 실행하면 ImportError 나와요, requirements 설치했는데도요.'],
  ['ko', 'Netflix Premium plan 결제가 두 번 됐어요. refund 가능한가요?'],
  ['ja', '新しいiPhone 15でApple Payの設定ができません。Walletアプリを再インストールしても同じです。'],
  ['ja', 'Docker composeでbuildするとpermission deniedになります。'],
  ['ja', 'Amazon Primeの会員費がdouble chargeされていました。'],
  ['el', 'Το laptop μου δεν συνδέεται στο Wi-Fi μετά το update των Windows.'],
  ['el', 'Έκανα reset το router αλλά το internet είναι ακόμα πολύ αργό.'],
  ['th', 'ช่วยเช็ก order ของฉันหน่อยได้ไหม ยังไม่ได้รับของเลย'],
  ['th', 'แอปเด้งออกทุกครั้งที่กด login ด้วย Facebook ครับ'],
  ['hy', 'Իմ պատվերը դեռ չի հասել, խնդրում եմ ստուգել tracking համարը։'],
  ['ka', 'ჩემი შეკვეთა ჯერ არ მოსულა, გთხოვთ შეამოწმოთ tracking ნომერი.'],
  ['zh', '我买的iPhone 15 Pro Max屏幕有问题，能不能换一台新的？'],
  ['zh', '请问埃隆・马斯克的新书什么时候在中国上市？'],
  ['zh', '我的Windows电脑更新以后，Wi-Fi一直连不上，怎么办？'],
  ['he', 'ה-router שלי מתנתק כל כמה דקות מאז העדכון של אתמול.'],
];

/** The languages of the set, in a fixed order. */
export const LANGUAGES = Object.keys(LONG);

/** The 20 languages the issue names; the other five (vi, id, fi, el, he) are extras. */
export const CORE_LANGUAGES = [
  'en',
  'es',
  'fr',
  'de',
  'it',
  'pt',
  'nl',
  'sv',
  'nb',
  'da',
  'pl',
  'cs',
  'ru',
  'uk',
  'tr',
  'ar',
  'hi',
  'zh',
  'ja',
  'ko',
];

/** [language, text] pairs of one set; `half` 'dev' = even indices, 'test' = odd (held out), 'all'. */
export function samples(set, half = 'all') {
  const out = [];
  for (const [lang, texts] of Object.entries(set)) {
    texts.forEach((text, i) => {
      if (half === 'all' || (half === 'dev') === (i % 2 === 0)) out.push([lang, text]);
    });
  }
  return out;
}

/** A chat of CHATS as `{role, content}` messages. */
export function messagesOf(chat) {
  return chat.turns.map(([role, , content]) => ({ role, content }));
}

/** Words of a text: word-like segments of Intl.Segmenter (dictionary segmentation for zh and ja). */
export function countWords(text, lang) {
  const seg = new Intl.Segmenter(lang, { granularity: 'word' });
  let n = 0;
  for (const s of seg.segment(text)) if (s.isWordLike) n++;
  return n;
}
