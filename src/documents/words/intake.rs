//! The words of the item's condition at intake on the intake ticket (fuel,
//! keys, valuables, damage marks and where on the vehicle they are), in English
//! and Simplified Chinese; looked up with the documents' own through `t`.
//! Tests: tests/core/job/intake.rs prints them.

/// (key, English, Chinese)
#[rustfmt::skip]
pub(super) const WORDS: &[(&str, &str, &str)] = &[
    ("intake_condition", "Condition at intake", "接车状况"),
    ("fuel", "Fuel", "油量"),
    ("keys_left", "Keys handed over", "留存钥匙"),
    ("valuables", "Valuables left", "车内贵重物品"),
    ("damage_marked", "Damage marked on the outline", "车身示意图标记的损伤"),
    ("not_recorded", "not recorded", "未记录"),
    ("scratch", "Scratch", "划痕"),
    ("dent", "Dent", "凹陷"),
    ("crack", "Crack", "裂纹"),
    ("chip", "Chip", "掉漆/崩口"),
    ("missing", "Missing", "缺失"),
    ("other", "Other", "其他"),
    ("front", "front", "前部"),
    ("middle", "middle", "中部"),
    ("rear", "rear", "后部"),
    ("left", "left", "左侧"),
    ("centre", "centre", "中间"),
    ("right", "right", "右侧"),
];
