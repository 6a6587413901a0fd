//! One row of an import file into the record it brings, checked by the same
//! rules the counter's own forms use (`CustomerInput::clean`, `ItemSpec::clean`,
//! `PartInput::clean`), so an imported customer is held to what a typed one is.
//! A problem is named at the import's own field, whichever rule found it.
//!
//! Tests: tests/core/exchange/import.rs.

use super::fields::{Columns, ImportKind};
use super::table::cell;
use crate::base::error::{Error, Result};
use crate::base::money::{parse_amount, Qty};
use crate::model::customer::{CustomerInput, CustomerKind};
use crate::model::item::{ItemSpec, VehicleClass, MAX_ODOMETER};
use crate::model::line::PartKind;
use crate::model::part::PartInput;
use crate::model::settings::Lang;

/// One row's cells by field.
struct Cells<'a> {
    row: &'a [String],
    cols: &'a Columns,
}

impl<'a> Cells<'a> {
    fn get(&self, key: &str) -> Option<&'a str> {
        cell(self.row, self.cols.of(key))
    }
}

/// What one row brings in.
#[derive(Debug, Clone)]
pub enum Record {
    Customer {
        customer: CustomerInput,
        item: Option<ItemSpec>,
        odometer: Option<i64>,
    },
    Item {
        owner_phone: String,
        item: ItemSpec,
        odometer: Option<i64>,
    },
    Part {
        part: PartInput,
        stock: Qty,
    },
}

/// Reads one row; an error's field is the import field it concerns.
pub fn record(
    kind: ImportKind,
    cols: &Columns,
    row: &[String],
    minor_units: u32,
) -> Result<Record> {
    let cells = Cells { row, cols };
    let get = |key: &str| cells.get(key);
    let text = |key: &str| get(key).map(str::to_string);
    match kind {
        ImportKind::Customers => {
            let customer = customer(&cells)?;
            customer
                .clean()
                .map_err(|e| rename(e, ImportKind::Customers))?;
            let item = item(&cells)?;
            let odometer = odometer(&cells, item.as_ref())?;
            Ok(Record::Customer {
                customer,
                item,
                odometer,
            })
        }
        ImportKind::Items => {
            let owner_phone =
                crate::base::text::phone("owner_phone", get("owner_phone").unwrap_or(""))?;
            let Some(item) = item(&cells)? else {
                return Err(Error::invalid(
                    "plate",
                    "A plate, VIN, serial or device category is needed to know the item",
                    "需要车牌号、车架号、序列号或物品类别才能识别物品",
                ));
            };
            let odometer = odometer(&cells, Some(&item))?;
            Ok(Record::Item {
                owner_phone,
                item,
                odometer,
            })
        }
        ImportKind::Parts => {
            let amount = |key: &str| match get(key) {
                None => Ok(0),
                Some(v) => parse_amount(key, v, minor_units),
            };
            let qty = |key: &str| match get(key) {
                None => Ok(Qty(0)),
                Some(v) => Qty::parse(&v.replace(',', ""))
                    .map_err(|e| Error::invalid(key, e.message, e.message_zh))
                    .and_then(|q| {
                        if q.milli() < 0 || q > Qty::MAX {
                            Err(Error::invalid(
                                key,
                                format!("'{v}' must be 0 to 1,000,000"),
                                format!("“{v}”须在 0 到 1,000,000 之间"),
                            ))
                        } else {
                            Ok(q)
                        }
                    }),
            };
            let part = PartInput {
                part_number: text("part_number").unwrap_or_default(),
                name: text("part_name").unwrap_or_default(),
                brand: text("part_brand"),
                kind: part_kind(get("part_kind"))?,
                unit: text("unit").unwrap_or_else(|| "piece".into()),
                cost: amount("cost")?,
                price: amount("price")?,
                reorder_level: qty("reorder_level")?,
                supplier: text("supplier"),
            };
            let part = part.clean().map_err(|e| rename(e, ImportKind::Parts))?;
            Ok(Record::Part {
                part,
                stock: qty("stock")?,
            })
        }
    }
}

fn customer(c: &Cells) -> Result<CustomerInput> {
    let kind = match c.get("customer_kind").map(str::to_lowercase).as_deref() {
        None | Some("person" | "private" | "individual" | "个人" | "私人") => {
            CustomerKind::Person
        }
        Some("business" | "company" | "fleet" | "单位" | "企业" | "公司") => {
            CustomerKind::Business
        }
        Some(other) => {
            return Err(Error::invalid(
                "customer_kind",
                format!("'{other}' is neither a person nor a business"),
                format!("“{other}”既不是个人也不是单位"),
            ))
        }
    };
    let language = match c.get("language").map(str::to_lowercase).as_deref() {
        None | Some("en" | "english" | "英文" | "英语") => Lang::En,
        Some("zh" | "zh-cn" | "chinese" | "中文" | "简体中文") => Lang::ZhCn,
        Some(other) => {
            return Err(Error::invalid(
                "language",
                format!("'{other}' is not a document language (English or Chinese)"),
                format!("“{other}”不是单据语言（英文或中文）"),
            ))
        }
    };
    let phones = ["phone", "phone2"]
        .iter()
        .filter_map(|k| c.get(k))
        .map(str::to_string)
        .collect();
    Ok(CustomerInput {
        kind,
        name: c.get("name").unwrap_or("").to_string(),
        phones,
        email: c.get("email").map(str::to_string),
        address: c.get("address").map(str::to_string),
        tax_id: c.get("tax_id").map(str::to_string),
        language,
        notes: c.get("notes").map(str::to_string),
        designated_persons: Vec::new(),
    })
}

/// The row's vehicle (a plate or VIN) or device (a serial or category), if any.
fn item(c: &Cells) -> Result<Option<ItemSpec>> {
    let text = |k: &str| c.get(k).map(str::to_string);
    let spec = if c.get("plate").is_some() || c.get("vin").is_some() {
        let year = match c.get("year") {
            None => None,
            Some(y) => Some(y.parse::<i32>().map_err(|_| {
                Error::invalid(
                    "year",
                    format!("'{y}' is not a year"),
                    format!("“{y}”不是年份"),
                )
            })?),
        };
        let vehicle_class = match c.get("vehicle_class").map(str::to_lowercase).as_deref() {
            None | Some("car" | "轿车" | "汽车" | "小型车") => VehicleClass::Car,
            Some("motorcycle" | "motorbike" | "摩托车" | "摩托") => VehicleClass::Motorcycle,
            Some(_) => VehicleClass::Other,
        };
        ItemSpec::Vehicle {
            plate: text("plate"),
            vin: text("vin"),
            make: text("make").unwrap_or_default(),
            model: text("model").unwrap_or_default(),
            year,
            colour: text("colour"),
            vehicle_class,
        }
    } else if c.get("serial").is_some() || c.get("category").is_some() {
        ItemSpec::Device {
            category: text("category").unwrap_or_default(),
            brand: text("make").unwrap_or_default(),
            model: text("model"),
            serial: text("serial"),
        }
    } else {
        return Ok(None);
    };
    spec.clean()
        .map(Some)
        .map_err(|e| match e.field.as_deref() {
            Some("brand") => Error::invalid("make", e.message, e.message_zh),
            _ => e,
        })
}

fn odometer(c: &Cells, item: Option<&ItemSpec>) -> Result<Option<i64>> {
    let Some(raw) = c.get("odometer") else {
        return Ok(None);
    };
    let digits: String = raw
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '\u{a0}'))
        .collect();
    let digits = digits.trim_end_matches("km").trim_end_matches("公里");
    let value = digits
        .parse::<i64>()
        .ok()
        .filter(|v| (0..=MAX_ODOMETER).contains(v))
        .ok_or_else(|| {
            Error::invalid(
                "odometer",
                format!("'{raw}' is not an odometer reading (0 to 10,000,000 km)"),
                format!("“{raw}”不是有效里程（0 到 10,000,000 公里）"),
            )
        })?;
    match item {
        Some(ItemSpec::Vehicle { .. }) => Ok(Some(value)),
        _ => Err(Error::invalid(
            "odometer",
            "Only vehicles have an odometer",
            "只有车辆有里程表",
        )),
    }
}

fn part_kind(v: Option<&str>) -> Result<PartKind> {
    let Some(v) = v else {
        return Ok(PartKind::NewOem);
    };
    let k = v.to_lowercase().replace([' ', '-'], "_");
    Ok(match k.as_str() {
        "oem" | "new_oem" | "original" | "genuine" | "原厂" | "原厂件" | "正厂" => {
            PartKind::NewOem
        }
        "aftermarket" | "new_aftermarket" | "equivalent" | "副厂" | "副厂件" | "同质"
        | "品牌件" => PartKind::NewAftermarket,
        "used" | "二手" | "旧件" | "拆车件" => PartKind::Used,
        "rebuilt" | "reconditioned" | "修复" | "修复件" => PartKind::Rebuilt,
        _ => {
            return Err(Error::invalid(
                "part_kind",
                format!("'{v}' is not a part kind (OEM, aftermarket, used, rebuilt)"),
                format!("“{v}”不是配件类型（原厂、副厂、旧件、修复件）"),
            ))
        }
    })
}

/// Names a rule's field as the import's field.
fn rename(e: Error, kind: ImportKind) -> Error {
    let field = e.field.clone().unwrap_or_default();
    let to = match (kind, field.as_str()) {
        (ImportKind::Customers, "phones[0]") => "phone",
        (ImportKind::Customers, f) if f.starts_with("phones") => "phone2",
        (ImportKind::Customers, "kind") => "customer_kind",
        (ImportKind::Parts, "name") => "part_name",
        (ImportKind::Parts, "brand") => "part_brand",
        (ImportKind::Parts, "kind") => "part_kind",
        _ => return e,
    };
    Error::invalid(to, e.message, e.message_zh)
}
