//! The demo shop's people, vehicles and devices, in English and Chinese.

pub const EN_NAMES: &[&str] = &[
    "James Wilson",
    "Maria Garcia",
    "Robert Chen",
    "Linda Okafor",
    "Michael Brown",
    "Sarah Johnson",
    "David Kim",
    "Emma Thompson",
    "Daniel Novak",
    "Olivia Martin",
    "Thomas Müller",
    "Sophie Laurent",
    "Ahmed Hassan",
    "Grace Liu",
    "Peter O'Brien",
    "Anna Kowalski",
    "Lucas Silva",
    "Chloe Evans",
    "Henry Walker",
    "Isabella Rossi",
    "Jack Taylor",
    "Mia Fischer",
    "Noah Anderson",
    "Ava Patel",
    "Liam Murphy",
    "Zoe Schmidt",
    "Ethan Clarke",
    "Lily Nguyen",
    "Oscar Jensen",
    "Ruby Harris",
    "Northside Couriers Ltd",
    "Green Valley Landscaping LLC",
];

pub const ZH_NAMES: &[&str] = &[
    "王小明",
    "李娜",
    "张伟",
    "刘洋",
    "陈静",
    "杨帆",
    "赵磊",
    "黄丽",
    "周杰",
    "吴敏",
    "徐强",
    "孙悦",
    "马超",
    "朱琳",
    "胡斌",
    "郭晓东",
    "何欢",
    "高峰",
    "林芳",
    "罗成",
    "郑爽",
    "梁家辉",
    "谢娜",
    "宋佳",
    "唐宁",
    "韩梅梅",
    "冯刚",
    "于洋",
    "董明珠",
    "萧红",
    "深圳市顺达物流有限公司",
    "广州绿源园林工程有限公司",
];

/// (make, model, class)
pub const VEHICLES: &[(&str, &str, &str)] = &[
    ("Toyota", "Corolla", "car"),
    ("Honda", "Civic", "car"),
    ("Volkswagen", "Passat", "car"),
    ("BYD", "Qin PLUS", "car"),
    ("Geely", "Emgrand", "car"),
    ("Nissan", "Sylphy", "car"),
    ("Buick", "Excelle", "car"),
    ("Haval", "H6", "car"),
    ("Yamaha", "YBR125", "motorcycle"),
    ("Honda", "CB190R", "motorcycle"),
    ("Ford", "Transit", "other"),
    ("Mazda", "CX-5", "car"),
];

/// (category, brand, model)
pub const DEVICES_EN: &[(&str, &str, &str)] = &[
    ("Phone", "Apple", "iPhone 13"),
    ("Phone", "Huawei", "Mate 40"),
    ("Phone", "Xiaomi", "Redmi Note 12"),
    ("Washing machine", "Haier", "EG100"),
    ("Refrigerator", "Midea", "BCD-520"),
    ("Laptop", "Lenovo", "ThinkPad X1"),
    ("Air conditioner", "Gree", "KFR-35GW"),
];

pub const DEVICES_ZH: &[(&str, &str, &str)] = &[
    ("手机", "Apple", "iPhone 13"),
    ("手机", "华为", "Mate 40"),
    ("手机", "小米", "Redmi Note 12"),
    ("洗衣机", "海尔", "EG100"),
    ("冰箱", "美的", "BCD-520"),
    ("笔记本电脑", "联想", "ThinkPad X1"),
    ("空调", "格力", "KFR-35GW"),
];

pub const COLOURS_EN: &[&str] = &["white", "black", "silver", "blue", "red", "grey"];
pub const COLOURS_ZH: &[&str] = &["白色", "黑色", "银色", "蓝色", "红色", "灰色"];

/// Words the demo needs in each language: (English, Chinese).
pub struct Words {
    pub en: bool,
}

impl Words {
    pub fn t<'a>(&self, en: &'a str, zh: &'a str) -> &'a str {
        if self.en {
            en
        } else {
            zh
        }
    }
}
