/*
 * synth_names.h - name parts for the synthetic lists of bench_scale.c.
 *
 * Written for the benchmark (common given names and family names of each
 * culture, as any phone book has them; no list was copied).  Native-script
 * parts carry their usual Latin spellings; Cyrillic parts are transliterated
 * by bench_scale.c itself.  Each array is ordered roughly by frequency: the
 * generator draws from them with Zipf weights, so the first entries are the
 * Mohammeds and Ivanovs that make real lists hard.
 */
#ifndef VG_BENCH_SYNTH_NAMES_H
#define VG_BENCH_SYNTH_NAMES_H

#define N_OF(a) (sizeof(a) / sizeof(a[0]))

/* ---- Cyrillic (transliterated at generation time) ----------------------- */

static const char *const ru_given_m[] = {
	"Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Владимир", "Николай",
	"Михаил", "Иван", "Евгений", "Юрий", "Игорь", "Олег", "Виктор", "Павел",
	"Максим", "Артём", "Роман", "Денис", "Константин", "Геннадий", "Анатолий",
	"Валерий", "Борис", "Аркадий", "Вячеслав", "Григорий", "Леонид", "Фёдор",
	"Станислав", "Вадим", "Кирилл", "Тимур", "Руслан", "Эдуард", "Георгий",
	"Виталий", "Илья", "Василий", "Степан",
};
static const char *const ru_given_f[] = {
	"Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Анна", "Мария",
	"Екатерина", "Юлия", "Людмила", "Галина", "Марина", "Валентина", "Надежда",
	"Виктория", "Ксения", "Дарья", "Алина", "Полина", "Любовь", "Вера", "Лариса",
};
static const char *const ru_family[] = {
	"Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов",
	"Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев",
	"Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев", "Орлов",
	"Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов",
	"Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов",
	"Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв", "Ильин", "Максимов",
	"Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев", "Антонов",
	"Тарасов", "Жуков", "Баранов", "Филиппов", "Комаров", "Давыдов", "Беляев",
	"Герасимов", "Богданов", "Осипов", "Сидоров", "Матвеев", "Титов", "Марков",
	"Миронов", "Крылов", "Куликов", "Карпов", "Власов", "Мельников", "Денисов",
	"Ротенберг", "Тимченко", "Дерипаска", "Вексельберг", "Абрамович", "Усманов",
};
/* roots and endings of invented family names (the long tail) */
static const char *const ru_root[] = {
	"Бел", "Чер", "Крас", "Мал", "Вел", "Гор", "Лес", "Пол", "Рыб", "Сел", "Кам",
	"Мед", "Зол", "Сер", "Бор", "Вол", "Гал", "Дуб", "Жар", "Зим", "Кол", "Лип",
	"Мор", "Нов", "Ост", "Пет", "Руд", "Сух", "Тих", "Хол", "Шир", "Яр", "Бур",
	"Вит", "Глад", "Дроб", "Ерм", "Звон", "Кир", "Луж", "Мих", "Пыж", "Стар",
};
static const char *const ru_mid[] = {
	"", "", "", "ан", "ин", "ов", "ен", "ук", "яш", "ет", "ул", "ач", "ен", "иц",
	"ор", "аш", "ык", "ид", "ем", "уш",
};
static const char *const ru_end_m[] = { "ов", "ов", "ев", "ин", "ский", "цев", "енко", "ич" };
static const char *const ua_given_m[] = {
	"Олександр", "Сергій", "Андрій", "Володимир", "Віктор", "Юрій", "Олег",
	"Микола", "Василь", "Петро", "Іван", "Дмитро", "Тарас", "Богдан", "Ігор",
	"Михайло", "Павло", "Роман", "Ярослав", "Степан",
};
static const char *const ua_given_f[] = {
	"Олена", "Наталія", "Ольга", "Тетяна", "Ірина", "Оксана", "Юлія", "Марія",
	"Галина", "Світлана", "Людмила", "Анна",
};
static const char *const ua_family[] = {
	"Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Олійник",
	"Шевчук", "Коваль", "Поліщук", "Бондар", "Ткачук", "Мельник", "Лисенко",
	"Марченко", "Савченко", "Руденко", "Мороз", "Петренко", "Клименко",
	"Павленко", "Кузьменко", "Гончаренко", "Литвиненко", "Бойко", "Кравчук",
	"Ковальчук", "Тимошенко", "Яценко", "Порошенко", "Зеленський", "Кличко",
};
static const char *const ua_end[] = { "енко", "енко", "чук", "ук", "ський", "ич", "ак" };

/* ---- Arabic: the script and the usual Latin spellings -------------------- */

typedef struct {
	const char *native;
	const char *latin[4];
} xname;

static const xname ar_given_m[] = {
	{ "محمد", { "Mohammed", "Muhammad", "Mohamed", "Mohammad" } },
	{ "أحمد", { "Ahmed", "Ahmad", "Ahmet", NULL } },
	{ "علي", { "Ali", "Aly", NULL, NULL } },
	{ "عمر", { "Omar", "Umar", NULL, NULL } },
	{ "حسن", { "Hassan", "Hasan", NULL, NULL } },
	{ "حسين", { "Hussein", "Husayn", "Hussain", "Hossein" } },
	{ "خالد", { "Khaled", "Khalid", NULL, NULL } },
	{ "يوسف", { "Youssef", "Yusuf", "Yousef", NULL } },
	{ "إبراهيم", { "Ibrahim", "Ebrahim", NULL, NULL } },
	{ "عبدالله", { "Abdullah", "Abdallah", "Abd Allah", NULL } },
	{ "عبدالرحمن", { "Abdulrahman", "Abd al-Rahman", "Abdel Rahman", NULL } },
	{ "مصطفى", { "Mustafa", "Moustafa", NULL, NULL } },
	{ "محمود", { "Mahmoud", "Mahmud", NULL, NULL } },
	{ "سعيد", { "Saeed", "Said", "Sayed", NULL } },
	{ "طارق", { "Tariq", "Tarek", NULL, NULL } },
	{ "ناصر", { "Nasser", "Nasir", NULL, NULL } },
	{ "فيصل", { "Faisal", "Faysal", NULL, NULL } },
	{ "سلمان", { "Salman", NULL, NULL, NULL } },
	{ "حمزة", { "Hamza", "Hamzah", NULL, NULL } },
	{ "بلال", { "Bilal", NULL, NULL, NULL } },
	{ "كريم", { "Karim", "Kareem", NULL, NULL } },
	{ "جمال", { "Jamal", "Gamal", NULL, NULL } },
	{ "سامي", { "Sami", "Samy", NULL, NULL } },
	{ "وليد", { "Walid", "Waleed", NULL, NULL } },
	{ "ماجد", { "Majed", "Majid", NULL, NULL } },
	{ "عادل", { "Adel", "Adil", NULL, NULL } },
	{ "هشام", { "Hisham", "Hesham", NULL, NULL } },
	{ "زياد", { "Ziad", "Ziyad", NULL, NULL } },
	{ "أسامة", { "Osama", "Usama", NULL, NULL } },
	{ "رشيد", { "Rashid", "Rachid", NULL, NULL } },
};
static const xname ar_given_f[] = {
	{ "فاطمة", { "Fatima", "Fatma", "Fatimah", NULL } },
	{ "عائشة", { "Aisha", "Aicha", "Ayesha", NULL } },
	{ "مريم", { "Maryam", "Mariam", NULL, NULL } },
	{ "زينب", { "Zainab", "Zeinab", NULL, NULL } },
	{ "خديجة", { "Khadija", "Khadijah", NULL, NULL } },
	{ "نور", { "Nour", "Noor", NULL, NULL } },
	{ "ليلى", { "Layla", "Leila", NULL, NULL } },
	{ "سارة", { "Sara", "Sarah", NULL, NULL } },
	{ "هدى", { "Huda", "Hoda", NULL, NULL } },
	{ "أمل", { "Amal", NULL, NULL, NULL } },
	{ "رنا", { "Rana", NULL, NULL, NULL } },
	{ "سلمى", { "Salma", NULL, NULL, NULL } },
};
static const xname ar_family[] = {
	{ "الحداد", { "Al-Haddad", "Haddad", "El Haddad", NULL } },
	{ "منصور", { "Mansour", "Mansur", NULL, NULL } },
	{ "خليل", { "Khalil", "Khaleel", NULL, NULL } },
	{ "الناصر", { "Al-Nasser", "Al Nasir", NULL, NULL } },
	{ "صالح", { "Saleh", "Salih", NULL, NULL } },
	{ "حمدان", { "Hamdan", NULL, NULL, NULL } },
	{ "عباس", { "Abbas", NULL, NULL, NULL } },
	{ "جابر", { "Jaber", "Jabir", NULL, NULL } },
	{ "درويش", { "Darwish", "Darweesh", NULL, NULL } },
	{ "عزيز", { "Aziz", NULL, NULL, NULL } },
	{ "الراشد", { "Al-Rashid", "Al Rashed", "Alrashid", NULL } },
	{ "المصري", { "Al-Masri", "El-Masry", "Almasri", NULL } },
	{ "الشامي", { "Al-Shami", "Al Shami", NULL, NULL } },
	{ "التميمي", { "Al-Tamimi", "Al Tamimi", NULL, NULL } },
	{ "القحطاني", { "Al-Qahtani", "Al Kahtani", NULL, NULL } },
	{ "الزهراني", { "Al-Zahrani", NULL, NULL, NULL } },
	{ "الحسيني", { "Al-Husseini", "Al Husaini", NULL, NULL } },
	{ "البغدادي", { "Al-Baghdadi", "Baghdadi", NULL, NULL } },
	{ "الحكيم", { "Al-Hakim", "El Hakim", NULL, NULL } },
	{ "عثمان", { "Othman", "Osman", "Uthman", NULL } },
	{ "سليمان", { "Suleiman", "Sulaiman", "Soliman", NULL } },
	{ "ياسين", { "Yassin", "Yasin", "Yaseen", NULL } },
	{ "شهاب", { "Shehab", "Shihab", NULL, NULL } },
	{ "حجازي", { "Hijazi", "Hegazy", NULL, NULL } },
	{ "الخطيب", { "Al-Khatib", "El Khatib", NULL, NULL } },
	{ "النجار", { "Al-Najjar", "Najjar", NULL, NULL } },
	{ "السيد", { "El-Sayed", "Al-Sayyid", NULL, NULL } },
	{ "فرج", { "Farag", "Faraj", NULL, NULL } },
	{ "الأحمد", { "Al-Ahmad", "Al Ahmed", NULL, NULL } },
	{ "العلي", { "Al-Ali", NULL, NULL, NULL } },
};
/* Latin roots of invented Arabic family names */
static const char *const ar_root[] = {
	"Rah", "Sab", "Kar", "Haj", "Zub", "Nab", "Qas", "Faw", "Dah", "Jum", "Tal",
	"Maz", "Sul", "Bash", "Ghan", "Khar", "Shar", "Mun", "Wah", "Yaz", "Ham", "Mas",
	"Nuf", "Sak", "Bar", "Dab", "Far", "Jal", "Lut", "Raw",
};
static const char *const ar_mid[] = { "a", "i", "ou", "ee", "aa", "u" };
static const char *const ar_end[] = { "ri", "wi", "li", "di", "ni", "si", "ki", "bi", "r", "l", "n", "m", "d" };

/* ---- Chinese, Korean, Greek: characters and their romanisations ---------- */

static const xname zh_family[] = {
	{ "王", { "Wang" } }, { "李", { "Li", "Lee" } }, { "张", { "Zhang", "Chang" } },
	{ "刘", { "Liu", "Lau" } }, { "陈", { "Chen", "Chan" } }, { "杨", { "Yang", "Yeung" } },
	{ "黄", { "Huang", "Wong" } }, { "赵", { "Zhao", "Chiu" } }, { "吴", { "Wu", "Ng" } },
	{ "周", { "Zhou", "Chow" } }, { "徐", { "Xu", "Hsu" } }, { "孙", { "Sun" } },
	{ "马", { "Ma" } }, { "朱", { "Zhu", "Chu" } }, { "胡", { "Hu", "Woo" } },
	{ "郭", { "Guo", "Kwok" } }, { "何", { "He", "Ho" } }, { "高", { "Gao", "Ko" } },
	{ "林", { "Lin", "Lam" } }, { "罗", { "Luo", "Law" } }, { "郑", { "Zheng", "Cheng" } },
	{ "梁", { "Liang", "Leung" } }, { "谢", { "Xie", "Tse" } }, { "宋", { "Song" } },
	{ "唐", { "Tang" } }, { "韩", { "Han" } }, { "冯", { "Feng", "Fung" } },
	{ "邓", { "Deng", "Tang" } }, { "曹", { "Cao", "Tso" } }, { "彭", { "Peng" } },
	{ "曾", { "Zeng", "Tsang" } }, { "肖", { "Xiao" } }, { "田", { "Tian" } },
	{ "董", { "Dong", "Tung" } }, { "袁", { "Yuan" } }, { "潘", { "Pan", "Poon" } },
	{ "蒋", { "Jiang", "Chiang" } }, { "蔡", { "Cai", "Tsai" } }, { "杜", { "Du", "To" } },
	{ "叶", { "Ye", "Yip" } }, { "程", { "Cheng" } }, { "苏", { "Su", "So" } },
	{ "魏", { "Wei" } }, { "丁", { "Ding" } }, { "任", { "Ren", "Yam" } }, { "沈", { "Shen" } },
};
static const xname zh_given[] = {
	{ "伟", { "Wei" } }, { "芳", { "Fang" } }, { "娜", { "Na" } }, { "敏", { "Min" } },
	{ "静", { "Jing" } }, { "丽", { "Li" } }, { "强", { "Qiang" } }, { "磊", { "Lei" } },
	{ "军", { "Jun" } }, { "洋", { "Yang" } }, { "勇", { "Yong" } }, { "艳", { "Yan" } },
	{ "杰", { "Jie" } }, { "娟", { "Juan" } }, { "涛", { "Tao" } }, { "明", { "Ming" } },
	{ "超", { "Chao" } }, { "秀", { "Xiu" } }, { "霞", { "Xia" } }, { "平", { "Ping" } },
	{ "刚", { "Gang" } }, { "英", { "Ying" } }, { "华", { "Hua" } }, { "建", { "Jian" } },
	{ "国", { "Guo" } }, { "文", { "Wen" } }, { "志", { "Zhi" } }, { "海", { "Hai" } },
	{ "红", { "Hong" } }, { "金", { "Jin" } }, { "东", { "Dong" } }, { "春", { "Chun" } },
	{ "玉", { "Yu" } }, { "辉", { "Hui" } }, { "晓", { "Xiao" } }, { "鹏", { "Peng" } },
	{ "飞", { "Fei" } }, { "斌", { "Bin" } }, { "荣", { "Rong" } }, { "新", { "Xin" } },
	{ "庆", { "Qing" } }, { "德", { "De" } }, { "龙", { "Long" } }, { "成", { "Cheng" } },
	{ "光", { "Guang" } }, { "天", { "Tian" } }, { "云", { "Yun" } }, { "峰", { "Feng" } },
	{ "波", { "Bo" } }, { "宏", { "Hong" } }, { "学", { "Xue" } }, { "兵", { "Bing" } },
	{ "亮", { "Liang" } }, { "俊", { "Jun" } }, { "嘉", { "Jia" } }, { "思", { "Si" } },
};
static const xname ko_family[] = {
	{ "김", { "Kim", "Gim" } }, { "이", { "Lee", "Yi", "Rhee" } }, { "박", { "Park", "Pak" } },
	{ "최", { "Choi", "Choe" } }, { "정", { "Jung", "Jeong", "Chung" } }, { "강", { "Kang" } },
	{ "조", { "Cho", "Jo" } }, { "윤", { "Yoon", "Yun" } }, { "장", { "Jang", "Chang" } },
	{ "임", { "Lim", "Im" } }, { "한", { "Han" } }, { "오", { "Oh" } }, { "서", { "Seo", "Suh" } },
	{ "신", { "Shin", "Sin" } }, { "권", { "Kwon" } }, { "황", { "Hwang" } }, { "안", { "Ahn", "An" } },
	{ "송", { "Song" } }, { "류", { "Ryu", "Yoo" } }, { "홍", { "Hong" } },
};
static const xname ko_given[] = {
	{ "민", { "Min" } }, { "준", { "Jun", "Joon" } }, { "서", { "Seo" } }, { "지", { "Ji" } },
	{ "현", { "Hyun", "Hyeon" } }, { "영", { "Young", "Yeong" } }, { "수", { "Soo", "Su" } },
	{ "정", { "Jung", "Jeong" } }, { "성", { "Sung", "Seong" } }, { "호", { "Ho" } },
	{ "진", { "Jin" } }, { "우", { "Woo", "U" } }, { "재", { "Jae" } }, { "동", { "Dong" } },
	{ "상", { "Sang" } }, { "은", { "Eun" } }, { "혜", { "Hye" } }, { "희", { "Hee", "Hui" } },
	{ "철", { "Chul", "Cheol" } }, { "광", { "Kwang", "Gwang" } }, { "일", { "Il" } },
	{ "남", { "Nam" } }, { "석", { "Seok", "Suk" } }, { "용", { "Yong" } }, { "태", { "Tae" } },
	{ "경", { "Kyung", "Gyeong" } }, { "주", { "Joo", "Ju" } }, { "연", { "Yeon" } },
};
static const xname el_given[] = {
	{ "Γεώργιος", { "Georgios", "George" } }, { "Ιωάννης", { "Ioannis", "Giannis" } },
	{ "Κωνσταντίνος", { "Konstantinos", "Constantine" } }, { "Δημήτριος", { "Dimitrios" } },
	{ "Νικόλαος", { "Nikolaos", "Nikos" } }, { "Παναγιώτης", { "Panagiotis" } },
	{ "Βασίλειος", { "Vasileios", "Vasilis" } }, { "Χρήστος", { "Christos", "Hristos" } },
	{ "Μαρία", { "Maria" } }, { "Ελένη", { "Eleni", "Helen" } },
	{ "Αικατερίνη", { "Aikaterini", "Katerina" } }, { "Σοφία", { "Sofia", "Sophia" } },
};
static const xname el_family[] = {
	{ "Παπαδόπουλος", { "Papadopoulos" } }, { "Παππάς", { "Pappas" } },
	{ "Βλάχος", { "Vlachos" } }, { "Αγγελόπουλος", { "Angelopoulos" } },
	{ "Νικολάου", { "Nikolaou" } }, { "Γεωργίου", { "Georgiou" } },
	{ "Οικονόμου", { "Oikonomou", "Economou" } }, { "Μακρής", { "Makris" } },
	{ "Παπαγεωργίου", { "Papageorgiou" } }, { "Καραγιάννης", { "Karagiannis" } },
	{ "Αλεξίου", { "Alexiou" } }, { "Δημητρίου", { "Dimitriou" } },
};

/* ---- Latin-script cultures ------------------------------------------------ */

static const char *const en_given_m[] = {
	"James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph",
	"Thomas", "Charles", "Christopher", "Daniel", "Matthew", "Anthony", "Mark",
	"Donald", "Steven", "Paul", "Andrew", "Joshua", "Kenneth", "Kevin", "Brian",
	"George", "Timothy", "Ronald", "Edward", "Jason", "Jeffrey", "Ryan", "Jacob",
	"Gary", "Nicholas", "Eric", "Jonathan", "Stephen", "Larry", "Justin", "Scott",
	"Brandon", "Benjamin", "Samuel", "Gregory", "Frank", "Alexander", "Patrick",
};
static const char *const en_given_f[] = {
	"Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan",
	"Jessica", "Sarah", "Karen", "Lisa", "Nancy", "Betty", "Margaret", "Sandra",
	"Ashley", "Kimberly", "Emily", "Donna", "Michelle", "Carol", "Amanda",
	"Dorothy", "Melissa", "Deborah", "Stephanie", "Rebecca", "Sharon", "Laura",
};
static const char *const en_family[] = {
	"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
	"Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson",
	"White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen",
	"King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker", "Nelson",
	"Carter", "Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker",
	"Evans", "Edwards", "Collins", "Stewart", "Morris", "Murphy", "Cook", "Rogers",
	"Morgan", "Cooper", "Peterson", "Reed", "Bailey", "Bell", "Kelly", "Howard",
};
static const char *const en_root[] = {
	"Ash", "Brad", "Craw", "Dal", "Eld", "Fair", "Glad", "Hamp", "Kings", "Lang",
	"Mars", "New", "Pem", "Rad", "Stan", "Thorn", "Wake", "Whit", "Bur", "Carl",
	"Dun", "Hol", "Mid", "Nor", "Os", "Pres", "Rush", "Shel", "Tal", "Wel",
};
static const char *const en_end[] = { "ton", "ley", "ford", "wood", "field", "by", "worth", "well", "son", "er", "ham", "ridge" };
static const char *const es_given_m[] = {
	"José", "Juan", "Luis", "Carlos", "Jorge", "Manuel", "Miguel", "Francisco",
	"Pedro", "Antonio", "Jesús", "Alejandro", "Fernando", "Ricardo", "Roberto",
	"Eduardo", "Diego", "Javier", "Andrés", "Rafael", "Sergio", "Oscar", "Raúl",
	"Héctor", "Julio", "Mario", "Pablo", "Víctor",
};
static const char *const es_given_f[] = {
	"María", "Ana", "Carmen", "Rosa", "Laura", "Isabel", "Lucía", "Patricia",
	"Elena", "Guadalupe", "Martha", "Claudia", "Gabriela", "Verónica", "Sandra",
	"Adriana", "Daniela", "Mónica", "Silvia", "Teresa",
};
static const char *const es_family[] = {
	"García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez",
	"Sánchez", "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Reyes",
	"Morales", "Cruz", "Ortiz", "Gutiérrez", "Chávez", "Ramos", "Ruiz", "Álvarez",
	"Castillo", "Jiménez", "Vargas", "Romero", "Mendoza", "Herrera", "Medina",
	"Aguilar", "Castro", "Vásquez", "Moreno", "Rojas", "Guzmán", "Salazar",
	"Contreras", "Navarro", "Domínguez", "Peña", "Cabrera", "Fuentes", "Carrillo",
};
static const char *const es_root[] = {
	"Alm", "Barr", "Cald", "Esp", "Gal", "Izq", "Lar", "Mont", "Olm", "Pard", "Quint",
	"Sepúlv", "Taf", "Urr", "Valdiv", "Zap", "Bust", "Corr", "Estr", "Lezc",
};
static const char *const es_end[] = { "ez", "ado", "era", "illa", "ano", "eda", "ón", "ueta", "iño", "ales" };
static const char *const pt_given_m[] = {
	"João", "José", "Antônio", "Francisco", "Carlos", "Paulo", "Pedro", "Lucas",
	"Luiz", "Marcos", "Luís", "Gabriel", "Rafael", "Daniel", "Marcelo", "Bruno",
	"Eduardo", "Felipe", "Rodrigo", "Sérgio",
};
static const char *const pt_given_f[] = {
	"Maria", "Ana", "Francisca", "Antônia", "Adriana", "Juliana", "Márcia",
	"Fernanda", "Patrícia", "Aline", "Sandra", "Camila",
};
static const char *const pt_family[] = {
	"Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves",
	"Pereira", "Lima", "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho",
	"Almeida", "Lopes", "Soares", "Fernandes", "Vieira", "Barbosa", "Rocha",
	"Dias", "Nascimento", "Andrade", "Moreira", "Nunes", "Marques", "Machado",
	"Mendes", "Freitas",
};
static const char *const pt_end[] = { "eira", "ães", "al", "ado", "ela", "inho", "ão" };
static const char *const fr_given_m[] = {
	"Jean", "Pierre", "Michel", "André", "Philippe", "Alain", "Jacques", "Bernard",
	"Louis", "François", "Nicolas", "Laurent", "Jean-Pierre", "Jean-Marc", "Olivier",
	"Patrick", "Christophe", "Thierry",
};
static const char *const fr_given_f[] = {
	"Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Anne",
	"Christine", "Marie-Claire", "Valérie", "Sandrine", "Céline",
};
static const char *const fr_family[] = {
	"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
	"Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "David",
	"Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André",
	"Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Faure", "Rousseau",
};
static const char *const fr_end[] = { "ier", "eau", "ard", "on", "et", "ault", "in", "elle" };
static const char *const de_given_m[] = {
	"Peter", "Michael", "Thomas", "Andreas", "Wolfgang", "Klaus", "Jürgen",
	"Stefan", "Hans", "Uwe", "Frank", "Bernd", "Christian", "Matthias", "Günter",
	"Dieter", "Werner", "Manfred", "Karl-Heinz",
};
static const char *const de_given_f[] = {
	"Ursula", "Monika", "Petra", "Sabine", "Renate", "Helga", "Karin", "Brigitte",
	"Andrea", "Gabriele", "Ingrid", "Claudia",
};
static const char *const de_family[] = {
	"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
	"Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein",
	"Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger",
	"Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier",
};
static const char *const de_end[] = { "mann", "er", "berg", "stein", "feld", "hausen", "inger", "bach", "rich" };
static const char *const it_given_m[] = {
	"Giuseppe", "Giovanni", "Antonio", "Mario", "Luigi", "Francesco", "Angelo",
	"Vincenzo", "Pietro", "Salvatore", "Carlo", "Franco", "Marco", "Alessandro",
};
static const char *const it_given_f[] = {
	"Maria", "Anna", "Giuseppina", "Rosa", "Angela", "Giovanna", "Teresa", "Lucia",
	"Francesca", "Chiara",
};
static const char *const it_family[] = {
	"Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo",
	"Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini",
	"Costa", "Giordano", "Rizzo", "Lombardi", "Moretti",
};
static const char *const it_end[] = { "ini", "etti", "elli", "one", "ano", "ucci", "aro", "ese" };
static const char *const pl_given_m[] = {
	"Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Jan", "Michał", "Marcin",
	"Jakub", "Jiří", "Petr", "Josef", "Pavel", "Tomáš",
};
static const char *const pl_given_f[] = {
	"Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Jana",
	"Eva", "Hana",
};
static const char *const pl_family[] = {
	"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński",
	"Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski",
	"Novák", "Svoboda", "Novotný", "Dvořák", "Černý", "Procházka",
};
static const char *const pl_end[] = { "ski", "czyk", "ak", "ek", "owski", "ewicz", "ík" };
static const char *const ir_given_m[] = {
	"Mohammad", "Ali", "Reza", "Hossein", "Mehdi", "Hassan", "Amir", "Mahmoud",
	"Javad", "Saeed", "Hamid", "Majid", "Abbas", "Ahmad", "Ebrahim", "Masoud",
	"Morteza", "Mojtaba", "Gholam", "Abdolreza",
};
static const char *const ir_given_f[] = {
	"Fatemeh", "Zahra", "Maryam", "Sara", "Narges", "Leila", "Masoumeh", "Shirin",
};
static const char *const ir_family[] = {
	"Hosseini", "Mousavi", "Rezaei", "Mohammadi", "Ahmadi", "Karimi", "Rahimi",
	"Jafari", "Hashemi", "Sadeghi", "Ghasemi", "Rostami", "Tehrani", "Shirazi",
	"Esfahani", "Soleimani", "Larijani", "Najafi", "Akbari", "Bagheri", "Salehi",
	"Nouri", "Azizi",
};
static const char *const ir_end[] = { "i", "ian", "zadeh", "pour", "nejad", "far", "abadi", "vand" };
static const char *const tr_given_m[] = {
	"Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "Murat",
	"Emre", "Burak", "Yusuf", "Ömer", "Osman", "Halil", "Recep",
};
static const char *const tr_given_f[] = {
	"Fatma", "Ayşe", "Emine", "Hatice", "Zeynep", "Elif", "Meryem", "Şerife",
};
static const char *const tr_family[] = {
	"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk",
	"Aydın", "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç",
	"Kurt", "Özkan", "Şimşek",
};
static const char *const tr_end[] = { "oğlu", "er", "han", "can", "soy", "taş", "türk" };
static const char *const ja_given[] = {
	"Hiroshi", "Takashi", "Kenji", "Yuki", "Akira", "Satoshi", "Kazuo", "Makoto",
	"Yoshiko", "Keiko", "Yoko", "Naoko", "Haruto", "Sota", "Yui", "Daisuke",
	"Takeshi", "Shinji",
};
static const char *const ja_family[] = {
	"Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto",
	"Nakamura", "Kobayashi", "Kato", "Yoshida", "Yamada", "Sasaki", "Yamaguchi",
	"Matsumoto", "Inoue", "Kimura", "Hayashi", "Shimizu",
};
static const char *const ja_end[] = { "moto", "mura", "kawa", "da", "shita", "yama", "no", "saki", "oka" };
static const char *const vi_family[] = {
	"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
	"Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
};
static const char *const vi_middle[] = { "Văn", "Thị", "Đức", "Minh", "Hữu", "Quang", "Ngọc", "Thanh" };
static const char *const vi_given[] = {
	"Anh", "Hùng", "Dũng", "Tuấn", "Hải", "Long", "Nam", "Sơn", "Thắng", "Trung",
	"Lan", "Hương", "Linh", "Mai", "Hoa", "Thảo", "Phúc", "Khoa", "Bình", "Cường",
};
static const char *const in_given_m[] = {
	"Rahul", "Amit", "Rajesh", "Suresh", "Ramesh", "Sanjay", "Vijay", "Anil",
	"Sunil", "Ashok", "Manoj", "Arun", "Ravi", "Deepak", "Rakesh", "Ajay",
	"Vikram", "Arjun", "Mukesh", "Prakash",
};
static const char *const in_given_f[] = {
	"Priya", "Sunita", "Anita", "Kavita", "Pooja", "Neha", "Lakshmi", "Meena",
	"Rekha", "Sita", "Geeta",
};
static const char *const in_family[] = {
	"Kumar", "Singh", "Sharma", "Verma", "Gupta", "Patel", "Shah", "Reddy", "Rao",
	"Nair", "Iyer", "Mehta", "Joshi", "Chopra", "Malhotra", "Kapoor", "Das",
	"Banerjee", "Chatterjee", "Mukherjee", "Agarwal", "Jain", "Mishra", "Pandey",
	"Yadav", "Chauhan", "Thakur", "Pillai", "Menon", "Naidu",
};
static const char *const in_root[] = {
	"Desh", "Kul", "Gaik", "Bhat", "Sub", "Chand", "Rang", "Shri", "Vish", "Ghat",
	"Mahaj", "Sriv", "Tiw", "Dwiv", "Bhard",
};
static const char *const in_end[] = { "pande", "karni", "wad", "nagar", "astava", "ari", "edi", "waj", "an" };
static const char *const pk_given[] = {
	"Muhammad", "Ali", "Ahmed", "Imran", "Asif", "Tariq", "Usman", "Bilal",
	"Hamza", "Faisal", "Nadeem", "Ayesha", "Fatima", "Sana", "Zafar", "Javed",
};
static const char *const pk_family[] = {
	"Khan", "Ahmed", "Ali", "Hussain", "Malik", "Qureshi", "Butt", "Chaudhry",
	"Sheikh", "Siddiqui", "Shah", "Mirza", "Raza", "Iqbal", "Akhtar", "Abbasi", "Baig",
};
static const char *const waf_given[] = {
	"Olusegun", "Oluwaseun", "Chukwuemeka", "Emeka", "Ngozi", "Adebayo",
	"Babatunde", "Abubakar", "Ibrahim", "Musa", "Aminu", "Kwame", "Kofi", "Ama",
	"Yaw", "Chinedu", "Ifeoma", "Funmilayo", "Aliyu", "Yusuf", "John", "Peter",
	"Grace", "Mary", "Samuel", "Joseph",
};
static const char *const waf_family[] = {
	"Okafor", "Okonkwo", "Adeyemi", "Ogunleye", "Bello", "Abubakar", "Mohammed",
	"Ibrahim", "Nwosu", "Eze", "Obi", "Okoro", "Adeleke", "Balogun", "Mensah",
	"Asante", "Owusu", "Boateng", "Osei", "Danjuma",
};
static const char *const waf_root[] = { "Ade", "Olu", "Oku", "Chi", "Nwa", "Obi", "Ako", "Ogu", "Ife", "Kwa" };
static const char *const waf_end[] = { "yemi", "wale", "nna", "ke", "ju", "dipe", "nso", "gbe", "mola", "chukwu" };
static const char *const eaf_given[] = {
	"John", "Peter", "Joseph", "James", "David", "Mary", "Grace", "Jane",
	"Wanjiru", "Kamau", "Mwangi", "Otieno", "Ochieng", "Amina", "Halima",
};
static const char *const eaf_family[] = {
	"Kamau", "Mwangi", "Otieno", "Ochieng", "Kiprop", "Kiptoo", "Wanjiku",
	"Njoroge", "Mutua", "Odhiambo", "Kimani", "Kariuki", "Macharia", "Onyango",
	"Omondi", "Wafula", "Cheruiyot", "Mohamed", "Hassan",
};
static const char *const eaf_end[] = { "ni", "ge", "ango", "iru", "oki", "enda", "ua", "ala" };
static const char *const id_given[] = {
	"Budi", "Agus", "Joko", "Bambang", "Sri", "Dewi", "Siti", "Eko", "Hadi",
	"Yusuf", "Ahmad", "Putri", "Rina", "Wahyu", "Hendra", "Rizky", "Dian",
};
static const char *const id_family[] = {
	"Santoso", "Wijaya", "Susanto", "Hidayat", "Setiawan", "Saputra", "Kusuma",
	"Gunawan", "Hartono", "Sutrisno", "Nugroho", "Pratama", "Wibowo", "Purnomo", "Halim",
};
static const char *const id_end[] = { "wan", "ono", "anto", "iyah", "ati", "adi", "ardi" };
static const char *const cau_given[] = {
	"Armen", "Davit", "Gor", "Levan", "Giorgi", "Nino", "Tamar", "Elchin",
	"Ilham", "Rashad", "Ramiz", "Aram", "Ani",
};
static const char *const cau_family[] = {
	"Petrosyan", "Sargsyan", "Hakobyan", "Grigoryan", "Beridze", "Kapanadze",
	"Gelashvili", "Mammadov", "Aliyev", "Huseynov", "Guliyev", "Hasanov",
};
static const char *const cau_end[] = { "yan", "ian", "shvili", "dze", "ov", "li" };

/* Syllables of invented Latin-script words, any culture. */
static const char *const syl_latin[] = {
	"ka", "ro", "mi", "ten", "sa", "lu", "ber", "go", "vi", "dan", "mor", "el",
	"ti", "na", "shi", "par", "zu", "kel", "ran", "do", "fa", "gri", "hol", "ja",
	"kor", "li", "mas", "nor", "pe", "qui", "rus", "sel", "tor", "ul", "var", "wen",
};

/* ---- organisations --------------------------------------------------------- */

static const char *const org_word[] = {
	"Global", "Trading", "Star", "Ocean", "Atlas", "Delta", "Nova", "Sigma",
	"United", "Eastern", "Golden", "Silver", "Alpha", "Pacific", "Northern",
	"Summit", "Prime", "Crescent", "Falcon", "Orion", "Vertex", "Harbor",
	"Meridian", "Royal", "Imperial", "National", "International", "Continental",
	"Sunrise", "Horizon", "Phoenix", "Eagle", "Lion", "Tiger", "Dragon", "Blue",
	"Green", "Red", "White", "Black", "Grand", "First", "New", "Great", "Modern",
	"Future", "Smart", "Apex", "Zenith", "Pioneer", "Liberty", "Victory", "Unity",
};
static const char *const org_activity[] = {
	"Trading", "Shipping", "Logistics", "Energy", "Oil & Gas", "Petroleum",
	"Construction", "Engineering", "Investments", "Holdings", "Capital",
	"Consulting", "Technologies", "Electronics", "Industries", "Import Export",
	"Marine", "Aviation", "Mining", "Metals", "Chemicals", "Pharmaceuticals",
	"Agro", "Foods", "Textile", "Security", "Media", "Resources", "Services",
	"General Trading", "Development", "Finance", "Insurance", "Telecom",
	"Steel", "Cement", "Automotive", "Machinery", "Bank", "Exchange",
};
static const char *const org_place[] = {
	"Dubai", "Hong Kong", "Shanghai", "Shenzhen", "Moscow", "Saint Petersburg",
	"Istanbul", "Tehran", "Singapore", "London", "Cyprus", "Panama", "Caracas",
	"Damascus", "Beirut", "Minsk", "Kyiv", "Almaty", "Tashkent", "Baku",
	"Pyongyang", "Lagos", "Nairobi", "Karachi", "Mumbai", "Jakarta", "Manila",
	"Bogota", "Havana", "Vladivostok", "Novosibirsk", "Sharjah", "Limassol",
};
typedef struct {
	const char *country;
	const char *forms[4];
} legal_forms;
static const legal_forms org_forms[] = {
	{ "us", { "LLC", "Inc.", "Corp.", "Corporation" } },
	{ "gb", { "Ltd", "Limited", "PLC", "LLP" } },
	{ "de", { "GmbH", "AG", "GmbH & Co. KG", "KG" } },
	{ "fr", { "SARL", "SAS", "SA", NULL } },
	{ "es", { "S.L.", "S.A.", NULL, NULL } },
	{ "it", { "S.r.l.", "S.p.A.", NULL, NULL } },
	{ "nl", { "B.V.", "N.V.", NULL, NULL } },
	{ "ae", { "FZE", "FZCO", "LLC", "FZ-LLC" } },
	{ "tr", { "A.Ş.", "Ltd. Şti.", NULL, NULL } },
	{ "br", { "Ltda.", "S.A.", NULL, NULL } },
	{ "pl", { "Sp. z o.o.", "S.A.", NULL, NULL } },
	{ "in", { "Pvt. Ltd.", "Private Limited", "Limited", NULL } },
	{ "hk", { "Co., Ltd.", "Limited", "Company Limited", NULL } },
	{ "cn", { "Co., Ltd.", "Company Limited", NULL, NULL } },
	{ "cy", { "Ltd", "Limited", NULL, NULL } },
	{ "pa", { "S.A.", "Inc.", "Corp.", NULL } },
	{ "sg", { "Pte. Ltd.", "Private Limited", NULL, NULL } },
	{ "ir", { "Company", "Co.", "Group", NULL } },
	{ "kp", { "Corporation", "Company", "Trading Company", NULL } },
};
/* Russian organisations: form, then its Latin spellings */
static const char *const ru_org_form[][4] = {
	{ "ООО", "OOO", "LLC", "Limited Liability Company" },
	{ "АО", "AO", "JSC", "Joint Stock Company" },
	{ "ПАО", "PAO", "PJSC", "Public Joint Stock Company" },
	{ "ЗАО", "ZAO", "CJSC", NULL },
	{ "ФГУП", "FGUP", "FSUE", NULL },
};
static const char *const ru_org_root[] = {
	"Газ", "Нефть", "Строй", "Инвест", "Трейд", "Техно", "Энерго", "Маш", "Пром",
	"Транс", "Агро", "Металл", "Сталь", "Снаб", "Сервис", "Лес", "Хим", "Фарм",
	"Авто", "Спец", "Морг", "Флот", "Нефте", "Электро", "Росс", "Сиб", "Урал",
	"Волга", "Даль", "Север", "Балт", "Кам", "Тех", "Импорт", "Экспорт", "Холдинг",
	"Капитал", "Альянс", "Групп", "Резерв",
};
static const char *const vessel_word[] = {
	"Ocean", "Sea", "Star", "Glory", "Princess", "Queen", "Fortune", "Pearl",
	"Spirit", "Wind", "Wave", "Dragon", "Phoenix", "Horizon", "Voyager",
	"Navigator", "Express", "Pioneer", "Jade", "Crystal", "Diamond", "Emerald",
	"Neptune", "Poseidon", "Atlantic", "Arctic", "Baltic", "Caspian", "Adriatic",
};
static const char *const ministry_word[] = {
	"Ministry of Defence", "Ministry of Finance", "Ministry of Interior",
	"Ministry of Energy", "Central Bank", "State Security Service",
	"Revolutionary Guard", "Defence Industry Organization", "Committee",
	"Foundation", "Brigade", "Party", "Front", "Movement", "Army", "Council",
};

#endif
