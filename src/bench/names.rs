//! Deterministic synthetic people and items for the benchmark shop: Chinese and
//! Latin names, mobile numbers, plates, VINs and serials that look like a real
//! shop's, from a seeded generator (the same seed gives the same shop).

/// SplitMix64: small, fast, good enough for test data, and stable across versions.
pub struct Seeded(u64);

impl Seeded {
    pub fn new(seed: u64) -> Seeded {
        Seeded(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    pub fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "欧阳", "司马", "诸葛",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "文", "辉", "鹏", "飞", "宇", "浩",
    "婷", "欣", "怡", "晨", "晓", "东", "海", "波", "雪", "梅", "琳", "俊", "峰", "斌", "凯", "嘉",
    "子", "轩",
];
const FIRST: &[&str] = &[
    "James",
    "Mary",
    "John",
    "Patricia",
    "Robert",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Susan",
    "Richard",
    "Jessica",
    "Joseph",
    "Sarah",
    "Thomas",
    "Karen",
    "Daniel",
    "Nancy",
    "Matthew",
    "Lisa",
    "Anthony",
    "Sophie",
    "Lukas",
    "Anna",
    "Mateo",
    "Chloe",
    "Noah",
    "Emma",
    "Oliver",
    "Amelia",
    "Ahmed",
    "Fatima",
    "Ivan",
    "Olga",
    "Kenji",
    "Yuki",
];
const LAST: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Dubois",
    "Laurent",
    "Rossi",
    "Ferrari",
    "Kowalski",
    "Novak",
    "Petrov",
    "Okafor",
    "Mensah",
    "Hansen",
    "Johansson",
    "Murphy",
    "O'Brien",
    "Tanaka",
    "Sato",
    "Kim",
    "Park",
];
const PROVINCES: &[&str] = &["粤", "京", "沪", "浙", "苏", "川", "鲁", "豫", "湘", "鄂"];
pub const MAKES: &[(&str, &str)] = &[
    ("Toyota", "Corolla"),
    ("Toyota", "Camry"),
    ("Honda", "Civic"),
    ("Honda", "Accord"),
    ("Volkswagen", "Passat"),
    ("Volkswagen", "Golf"),
    ("BYD", "Qin PLUS"),
    ("BYD", "Han"),
    ("Geely", "Emgrand"),
    ("Nissan", "Sylphy"),
    ("Buick", "Excelle"),
    ("Haval", "H6"),
    ("Ford", "Focus"),
    ("Mazda", "CX-5"),
    ("BMW", "320i"),
    ("Mercedes-Benz", "C200"),
    ("Tesla", "Model 3"),
];
pub const DEVICES: &[(&str, &str, &str)] = &[
    ("phone", "Apple", "iPhone 13"),
    ("phone", "Huawei", "Mate 40"),
    ("phone", "Xiaomi", "Redmi Note 12"),
    ("laptop", "Lenovo", "ThinkPad X1"),
    ("washing machine", "Haier", "EG100"),
    ("refrigerator", "Midea", "BCD-520"),
];

pub fn chinese_name(r: &mut Seeded) -> String {
    let given: String = (0..1 + r.below(2)).map(|_| *r.pick(GIVEN)).collect();
    format!("{}{given}", r.pick(SURNAMES))
}

pub fn latin_name(r: &mut Seeded) -> String {
    format!("{} {}", r.pick(FIRST), r.pick(LAST))
}

pub fn chinese_mobile(r: &mut Seeded) -> String {
    format!("1{}{}", r.pick(&["3", "5", "7", "8", "9"]), r.digits(9))
}

pub fn latin_phone(r: &mut Seeded) -> String {
    format!("+44 7{}", r.digits(9))
}

pub fn chinese_plate(r: &mut Seeded) -> String {
    let letter = (b'A' + r.below(20) as u8) as char;
    format!("{}{letter}{}", r.pick(PROVINCES), r.digits(5))
}

pub fn latin_plate(r: &mut Seeded) -> String {
    let l = |r: &mut Seeded| (b'A' + r.below(26) as u8) as char;
    format!("{}{}{}{}{}{}", l(r), l(r), r.digits(2), l(r), l(r), l(r))
}

/// A VIN from `index`: unique, 17 characters, no I, O or Q.
pub fn vin(r: &mut Seeded, index: usize) -> String {
    const A: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    let head: String = (0..9).map(|_| A[r.below(A.len())] as char).collect();
    format!("{head}{:08}", index)
}

pub fn serial(r: &mut Seeded, index: usize) -> String {
    format!("SN{}{:08}", r.digits(2), index)
}
