/**
 * Common given and family names per locale, for synthetic people. Native script where the language
 * has one. About twenty of each: enough variety for prompts, small enough to review by eye.
 */

export interface NameList {
  female: readonly string[];
  male: readonly string[];
  /** Family names; split by sex where the language inflects them (Иванов / Иванова, Kowalski / Kowalska). */
  last: readonly string[] | { readonly female: readonly string[]; readonly male: readonly string[] };
  /** How a full name is written: 'given family' (Anna Schmidt) or family first, unspaced (佐藤花子). */
  order: 'given-family' | 'family-given-unspaced';
}

// biome-ignore format: name data reads best as a block
const ruLastMale = ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков',
  'Фёдоров', 'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов',
  'Николаев'];

// biome-ignore format: name data reads best as a block
export const NAME_LISTS = {
  'en-US': {
    female: ['Emily', 'Olivia', 'Emma', 'Ava', 'Sophia', 'Isabella', 'Mia', 'Abigail', 'Madison', 'Elizabeth',
      'Charlotte', 'Amelia', 'Harper', 'Evelyn', 'Jessica', 'Ashley', 'Sarah', 'Jennifer', 'Megan', 'Hannah'],
    male: ['James', 'John', 'Robert', 'Michael', 'William', 'David', 'Joseph', 'Daniel', 'Matthew', 'Christopher',
      'Andrew', 'Joshua', 'Ethan', 'Noah', 'Liam', 'Mason', 'Tyler', 'Brandon', 'Ryan', 'Jacob'],
    last: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
      'Hernandez', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee'],
    order: 'given-family',
  },
  'en-GB': {
    female: ['Olivia', 'Amelia', 'Isla', 'Ava', 'Emily', 'Sophie', 'Grace', 'Lily', 'Freya', 'Poppy', 'Charlotte',
      'Evie', 'Jessica', 'Ella', 'Chloe', 'Lucy', 'Eleanor', 'Harriet', 'Imogen', 'Alice'],
    male: ['Oliver', 'George', 'Harry', 'Jack', 'Charlie', 'Thomas', 'Oscar', 'William', 'James', 'Alfie', 'Henry',
      'Archie', 'Edward', 'Freddie', 'Joshua', 'Samuel', 'Alexander', 'Callum', 'Rhys', 'Jamie'],
    last: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright',
      'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Clarke', 'Hughes'],
    order: 'given-family',
  },
  es: {
    female: ['María', 'Lucía', 'Sofía', 'Martina', 'Paula', 'Julia', 'Valeria', 'Daniela', 'Carmen', 'Elena',
      'Laura', 'Marta', 'Ana', 'Isabel', 'Alba', 'Claudia', 'Sara', 'Irene', 'Noelia', 'Rocío'],
    male: ['Hugo', 'Martín', 'Lucas', 'Mateo', 'Leo', 'Daniel', 'Alejandro', 'Pablo', 'Manuel', 'Álvaro', 'Adrián',
      'David', 'Javier', 'Diego', 'Sergio', 'Carlos', 'Jorge', 'Antonio', 'Francisco', 'Miguel'],
    last: ['García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez',
      'Martín', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Alonso',
      'Gutiérrez'],
    order: 'given-family',
  },
  fr: {
    female: ['Emma', 'Jade', 'Louise', 'Alice', 'Chloé', 'Léa', 'Manon', 'Camille', 'Inès', 'Lina', 'Juliette',
      'Zoé', 'Léna', 'Clara', 'Sarah', 'Anaïs', 'Margaux', 'Élise', 'Mathilde', 'Céline'],
    male: ['Gabriel', 'Léo', 'Raphaël', 'Arthur', 'Louis', 'Lucas', 'Adam', 'Jules', 'Hugo', 'Maël', 'Nathan',
      'Paul', 'Théo', 'Antoine', 'Thomas', 'Nicolas', 'Julien', 'Mathieu', 'Baptiste', 'Étienne'],
    last: ['Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent',
      'Simon', 'Michel', 'Lefèvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard'],
    order: 'given-family',
  },
  de: {
    female: ['Mia', 'Emma', 'Hannah', 'Sophia', 'Emilia', 'Lina', 'Marie', 'Lea', 'Anna', 'Lena', 'Klara',
      'Johanna', 'Laura', 'Katharina', 'Julia', 'Sabine', 'Petra', 'Ursula', 'Greta', 'Frieda'],
    male: ['Noah', 'Ben', 'Paul', 'Leon', 'Finn', 'Elias', 'Jonas', 'Luca', 'Felix', 'Lukas', 'Maximilian',
      'Julian', 'Tobias', 'Stefan', 'Andreas', 'Michael', 'Thomas', 'Jürgen', 'Matthias', 'Moritz'],
    last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
      'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann'],
    order: 'given-family',
  },
  // Brazilian names: Brazil is where most Portuguese speakers live.
  pt: {
    female: ['Maria', 'Ana', 'Helena', 'Alice', 'Laura', 'Manuela', 'Valentina', 'Sophia', 'Isabella', 'Heloísa',
      'Luíza', 'Júlia', 'Lorena', 'Lívia', 'Beatriz', 'Mariana', 'Gabriela', 'Fernanda', 'Camila', 'Larissa'],
    male: ['Miguel', 'Arthur', 'Gael', 'Heitor', 'Theo', 'Davi', 'Gabriel', 'Bernardo', 'Samuel', 'João', 'Pedro',
      'Lucas', 'Rafael', 'Gustavo', 'Matheus', 'Felipe', 'Thiago', 'Bruno', 'Leonardo', 'Rodrigo'],
    last: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes',
      'Costa', 'Ribeiro', 'Martins', 'Carvalho', 'Almeida', 'Lopes', 'Soares', 'Fernandes', 'Vieira', 'Barbosa'],
    order: 'given-family',
  },
  it: {
    female: ['Sofia', 'Giulia', 'Aurora', 'Alice', 'Ginevra', 'Emma', 'Giorgia', 'Beatrice', 'Greta', 'Martina',
      'Chiara', 'Francesca', 'Anna', 'Sara', 'Elisa', 'Valentina', 'Federica', 'Alessia', 'Camilla', 'Elena'],
    male: ['Leonardo', 'Francesco', 'Alessandro', 'Lorenzo', 'Mattia', 'Tommaso', 'Gabriele', 'Andrea',
      'Riccardo', 'Edoardo', 'Matteo', 'Giuseppe', 'Marco', 'Luca', 'Davide', 'Federico', 'Stefano', 'Giovanni',
      'Paolo', 'Simone'],
    last: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco',
      'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti'],
    order: 'given-family',
  },
  nl: {
    female: ['Emma', 'Julia', 'Mila', 'Tess', 'Sophie', 'Zoë', 'Sara', 'Nora', 'Yara', 'Eva', 'Anna', 'Lotte',
      'Fleur', 'Sanne', 'Femke', 'Lisa', 'Iris', 'Noor', 'Maud', 'Roos'],
    male: ['Noah', 'Sem', 'Liam', 'Lucas', 'Daan', 'Finn', 'Levi', 'Luuk', 'Milan', 'Bram', 'Jesse', 'Thijs',
      'Lars', 'Sven', 'Ruben', 'Stijn', 'Joris', 'Pieter', 'Willem', 'Bas'],
    last: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit',
      'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker',
      'Brouwer'],
    order: 'given-family',
  },
  ja: {
    female: ['陽葵', '凛', '結菜', '葵', '芽依', '紬', '美咲', 'さくら', '花子', '由美', '恵子', '陽菜', '結衣',
      '真央', '愛', '彩', '優子', '美穂', '千尋', '奈々'],
    male: ['蓮', '陽翔', '湊', '大翔', '悠真', '樹', '蒼', '颯太', '太郎', '翔太', '健太', '大輔', '拓海', '一郎',
      '健一', '誠', '隆', '浩', '直樹', '翼'],
    last: ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤', '吉田', '山田', '佐々木',
      '山口', '松本', '井上', '木村', '林', '斎藤', '清水'],
    order: 'family-given-unspaced',
  },
  zh: {
    female: ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '秀英', '婷', '雪', '慧', '欣怡', '子涵', '梓涵',
      '诗涵', '雨萱', '佳怡', '晓梅', '玉兰'],
    male: ['伟', '强', '磊', '军', '洋', '勇', '杰', '涛', '明', '超', '浩然', '子轩', '宇轩', '俊杰', '志强',
      '建华', '国强', '博文', '天佑', '家豪'],
    last: ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何',
      '高', '林', '罗'],
    order: 'family-given-unspaced',
  },
  hi: {
    female: ['आरती', 'प्रिया', 'अनन्या', 'दीपिका', 'पूजा', 'नेहा', 'सुनीता', 'कविता', 'अंजलि', 'रीना',
      'स्नेहा', 'मीरा', 'लक्ष्मी', 'सीता', 'राधा', 'आशा', 'ईशा', 'दिव्या', 'श्रेया', 'सरिता'],
    male: ['आरव', 'विवान', 'आदित्य', 'अर्जुन', 'राहुल', 'अमित', 'राजेश', 'सुरेश', 'विकास', 'संजय', 'रोहित',
      'अजय', 'विजय', 'करण', 'मनीष', 'अनिल', 'प्रकाश', 'रवि', 'दीपक', 'सौरभ'],
    last: ['शर्मा', 'वर्मा', 'गुप्ता', 'सिंह', 'कुमार', 'पटेल', 'यादव', 'जैन', 'अग्रवाल', 'मिश्रा', 'तिवारी',
      'पांडे', 'चौहान', 'मेहता', 'जोशी', 'श्रीवास्तव', 'सक्सेना', 'राठौर', 'ठाकुर', 'कपूर'],
    order: 'given-family',
  },
  ar: {
    female: ['فاطمة', 'مريم', 'نور', 'ليلى', 'سارة', 'آمنة', 'زينب', 'هدى', 'رنا', 'سلمى', 'ياسمين', 'دينا',
      'ريم', 'لينا', 'هبة', 'عائشة', 'خديجة', 'منى', 'نادية', 'جميلة'],
    male: ['محمد', 'أحمد', 'علي', 'عمر', 'يوسف', 'خالد', 'حسن', 'حسين', 'إبراهيم', 'عبدالله', 'مصطفى', 'سعيد',
      'طارق', 'كريم', 'سامي', 'ماجد', 'فيصل', 'ناصر', 'زياد', 'هشام'],
    last: ['العلي', 'الحسن', 'المصري', 'الخطيب', 'الأحمد', 'الشامي', 'حداد', 'النجار', 'السيد', 'العمري',
      'الزهراني', 'القحطاني', 'الحربي', 'الدوسري', 'عبد الرحمن', 'يوسف', 'إبراهيم', 'منصور', 'صالح', 'حمدان'],
    order: 'given-family',
  },
  ko: {
    female: ['서연', '서윤', '지우', '하윤', '민서', '지민', '수아', '하은', '예은', '지아', '은지', '수빈', '유진',
      '지현', '민지', '혜진', '수진', '영희', '미영', '윤아'],
    male: ['민준', '서준', '도윤', '예준', '시우', '하준', '주원', '지호', '지훈', '준서', '현우', '건우', '우진',
      '성민', '동현', '영수', '정훈', '상철', '태현', '재원'],
    last: ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임', '한', '오', '서', '신', '권', '황', '안',
      '송', '류', '홍'],
    order: 'family-given-unspaced',
  },
  ru: {
    female: ['Анна', 'Мария', 'Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Светлана', 'Екатерина', 'Юлия',
      'Анастасия', 'Дарья', 'Ксения', 'Виктория', 'Полина', 'Софья', 'Алина', 'Марина', 'Людмила', 'Вера'],
    male: ['Александр', 'Сергей', 'Дмитрий', 'Андрей', 'Алексей', 'Максим', 'Иван', 'Михаил', 'Николай',
      'Владимир', 'Евгений', 'Артём', 'Павел', 'Роман', 'Кирилл', 'Егор', 'Никита', 'Игорь', 'Олег', 'Юрий'],
    // Every surname here ends in -ов / -ев / -ёв, whose feminine form adds -а.
    last: { male: ruLastMale, female: ruLastMale.map((s) => `${s}а`) },
    order: 'given-family',
  },
  tr: {
    female: ['Zeynep', 'Elif', 'Defne', 'Ecrin', 'Eylül', 'Azra', 'Ayşe', 'Fatma', 'Emine', 'Hatice', 'Merve',
      'Büşra', 'Esra', 'Selin', 'Ebru', 'Derya', 'Gül', 'Özge', 'Sibel', 'Nur'],
    male: ['Yusuf', 'Eymen', 'Ömer', 'Mustafa', 'Ahmet', 'Mehmet', 'Ali', 'Emir', 'Hüseyin', 'Hasan', 'İbrahim',
      'Murat', 'Emre', 'Burak', 'Can', 'Kerem', 'Oğuz', 'Serkan', 'Volkan', 'Kemal'],
    last: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir',
      'Arslan', 'Doğan', 'Kılıç', 'Aslan', 'Çetin', 'Kara', 'Koç', 'Kurt', 'Özkan', 'Şimşek'],
    order: 'given-family',
  },
  pl: {
    female: ['Anna', 'Maria', 'Katarzyna', 'Małgorzata', 'Agnieszka', 'Barbara', 'Ewa', 'Krystyna', 'Zofia',
      'Julia', 'Zuzanna', 'Hanna', 'Maja', 'Lena', 'Alicja', 'Magdalena', 'Joanna', 'Monika', 'Aleksandra',
      'Natalia'],
    male: ['Piotr', 'Krzysztof', 'Andrzej', 'Tomasz', 'Paweł', 'Jan', 'Michał', 'Marcin', 'Jakub', 'Adam',
      'Łukasz', 'Mateusz', 'Marek', 'Grzegorz', 'Wojciech', 'Antoni', 'Szymon', 'Filip', 'Kacper', 'Bartosz'],
    last: {
      male: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński',
        'Szymański', 'Woźniak', 'Dąbrowski', 'Kozłowski', 'Jankowski', 'Mazur', 'Wojciechowski', 'Kwiatkowski',
        'Krawczyk', 'Kaczmarek', 'Piotrowski', 'Grabowski'],
      female: ['Nowak', 'Kowalska', 'Wiśniewska', 'Wójcik', 'Kowalczyk', 'Kamińska', 'Lewandowska', 'Zielińska',
        'Szymańska', 'Woźniak', 'Dąbrowska', 'Kozłowska', 'Jankowska', 'Mazur', 'Wojciechowska', 'Kwiatkowska',
        'Krawczyk', 'Kaczmarek', 'Piotrowska', 'Grabowska'],
    },
    order: 'given-family',
  },
  sv: {
    female: ['Alice', 'Maja', 'Elsa', 'Astrid', 'Wilma', 'Freja', 'Ebba', 'Alma', 'Olivia', 'Selma', 'Anna', 'Eva',
      'Kristina', 'Karin', 'Ingrid', 'Linnea', 'Sara', 'Emma', 'Ida', 'Maria'],
    male: ['William', 'Liam', 'Noah', 'Hugo', 'Lucas', 'Oliver', 'Elias', 'Adam', 'Alexander', 'Nils', 'Erik',
      'Lars', 'Karl', 'Anders', 'Johan', 'Per', 'Mikael', 'Oskar', 'Gustav', 'Axel'],
    last: ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson',
      'Gustafsson', 'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Jönsson', 'Lindberg',
      'Jakobsson', 'Magnusson', 'Lindström'],
    order: 'given-family',
  },
} as const satisfies Record<string, NameList>;

/** A locale with its own name list. */
export type NameLocale = keyof typeof NAME_LISTS;
