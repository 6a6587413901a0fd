//! What an import can fill, per kind of file, and the guess of which column is
//! which from its header in English or Chinese (the words other shop software
//! and spreadsheets use: 客户名称, 手机号, 车牌号, 车架号, 配件编号, 库存…).
//! Headers are compared after lower-casing and dropping spaces and punctuation,
//! so "Phone No.", "phone_no" and "PHONE NO" are one header.
//!
//! Tests: tests/core/exchange/import.rs.

use crate::base::error::{Error, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a file brings in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "ImportKind")]
pub enum ImportKind {
    /// Customers, each row optionally with a vehicle or device of theirs.
    Customers,
    /// Vehicles and devices of customers already in the shop (by phone).
    Items,
    /// The parts catalogue with stock on hand.
    Parts,
}

/// One field an import can fill, with its words for the column picker.
#[derive(Debug, Clone, Serialize, JsonSchema, TS)]
#[ts(rename = "ImportField")]
pub struct FieldInfo {
    pub key: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
    pub required: bool,
}

struct Field {
    key: &'static str,
    en: &'static str,
    zh: &'static str,
    required: bool,
    /// Normalised header words that mean this field.
    headers: &'static [&'static str],
}

const fn f(
    key: &'static str,
    en: &'static str,
    zh: &'static str,
    required: bool,
    headers: &'static [&'static str],
) -> Field {
    Field {
        key,
        en,
        zh,
        required,
        headers,
    }
}

#[rustfmt::skip]
const CUSTOMER: &[Field] = &[
    f("name", "Name", "客户名称", true, &["name", "customer", "customername", "fullname", "owner", "ownername", "client", "客户", "客户名称", "客户姓名", "姓名", "名称", "车主", "车主姓名", "联系人"]),
    f("customer_kind", "Person or business", "个人/单位", false, &["type", "customertype", "kind", "客户类型", "类型", "性质"]),
    f("phone", "Phone", "电话", false, &["phone", "phoneno", "phonenumber", "mobile", "mobilephone", "cell", "tel", "telephone", "手机", "手机号", "手机号码", "电话", "联系电话", "电话号码", "移动电话"]),
    f("phone2", "Second phone", "备用电话", false, &["phone2", "otherphone", "secondphone", "landline", "homephone", "workphone", "备用电话", "固定电话", "座机", "其他电话"]),
    f("email", "E-mail", "电子邮箱", false, &["email", "emailaddress", "mail", "邮箱", "电子邮箱", "电子邮件"]),
    f("address", "Address", "地址", false, &["address", "street", "地址", "联系地址", "住址"]),
    f("tax_id", "Tax ID", "税号", false, &["taxid", "vat", "vatno", "vatnumber", "taxnumber", "税号", "纳税人识别号", "统一社会信用代码"]),
    f("language", "Document language", "单据语言", false, &["language", "lang", "语言", "单据语言"]),
    f("notes", "Notes", "备注", false, &["notes", "note", "remarks", "comment", "comments", "备注", "说明"]),
];

#[rustfmt::skip]
const ITEM: &[Field] = &[
    f("plate", "Plate", "车牌号", false, &["plate", "plateno", "platenumber", "licenseplate", "licenceplate", "registration", "regno", "reg", "numberplate", "车牌", "车牌号", "车牌号码", "号牌", "号牌号码"]),
    f("vin", "VIN", "车架号", false, &["vin", "vinno", "chassis", "chassisno", "chassisnumber", "车架号", "vin码", "车辆识别代号", "车辆识别号"]),
    f("make", "Make / brand", "品牌", false, &["make", "brand", "manufacturer", "marque", "品牌", "厂牌", "车辆品牌", "制造商"]),
    f("model", "Model", "型号/车型", false, &["model", "vehiclemodel", "型号", "车型", "车系", "规格型号"]),
    f("year", "Year", "年份", false, &["year", "modelyear", "yearofmanufacture", "年份", "年款", "出厂年份"]),
    f("colour", "Colour", "颜色", false, &["colour", "color", "颜色", "车身颜色"]),
    f("vehicle_class", "Car, motorcycle or other", "车辆类别", false, &["vehicleclass", "vehicletype", "车辆类别", "车辆类型"]),
    f("category", "Device category", "物品类别", false, &["category", "devicetype", "device", "appliance", "物品类别", "品类", "设备类别", "设备类型", "类别"]),
    f("serial", "Serial / IMEI", "序列号/IMEI", false, &["serial", "serialno", "serialnumber", "sn", "imei", "序列号", "串号", "机身号", "出厂编号"]),
    f("odometer", "Odometer (km)", "里程（公里）", false, &["odometer", "mileage", "km", "kilometres", "kilometers", "miles", "里程", "行驶里程", "公里数", "表显里程"]),
];

#[rustfmt::skip]
const OWNER: &[Field] = &[
    f("owner_phone", "Owner's phone", "车主电话", true, &["ownerphone", "customerphone", "phone", "mobile", "tel", "车主电话", "客户电话", "手机", "手机号", "电话", "联系电话"]),
];

#[rustfmt::skip]
const PART: &[Field] = &[
    f("part_number", "Part number", "配件编号", true, &["partnumber", "partno", "part", "sku", "code", "itemcode", "article", "articleno", "配件编号", "配件编码", "编号", "编码", "零件号", "物料编码", "货号", "条码"]),
    f("part_name", "Name", "配件名称", true, &["name", "partname", "description", "desc", "配件名称", "名称", "零件名称", "品名", "物料名称"]),
    f("part_brand", "Brand", "品牌", false, &["brand", "make", "manufacturer", "品牌", "厂牌", "产地"]),
    f("part_kind", "Kind (OEM, aftermarket, used, rebuilt)", "配件类型", false, &["kind", "type", "parttype", "partkind", "配件类型", "类型", "配件性质"]),
    f("unit", "Unit", "单位", false, &["unit", "uom", "单位", "计量单位"]),
    f("cost", "Cost price", "进价", false, &["cost", "costprice", "purchaseprice", "buyprice", "进价", "成本", "成本价", "采购价"]),
    f("price", "Sale price", "售价", true, &["price", "saleprice", "sellprice", "retailprice", "unitprice", "售价", "销售价", "零售价", "单价"]),
    f("stock", "Stock on hand", "库存", false, &["stock", "onhand", "qty", "quantity", "instock", "库存", "库存数量", "数量", "现存量", "结存"]),
    f("reorder_level", "Reorder level", "补货点", false, &["reorderlevel", "reorder", "minstock", "minimum", "补货点", "最低库存", "安全库存"]),
    f("supplier", "Supplier", "供应商", false, &["supplier", "vendor", "供应商", "供货商", "厂家"]),
];

fn fields(kind: ImportKind) -> Vec<&'static Field> {
    match kind {
        ImportKind::Customers => CUSTOMER.iter().chain(ITEM).collect(),
        ImportKind::Items => OWNER.iter().chain(ITEM).collect(),
        ImportKind::Parts => PART.iter().collect(),
    }
}

/// The fields of a kind, in the order the column picker shows them.
pub fn field_list(kind: ImportKind) -> Vec<FieldInfo> {
    fields(kind)
        .into_iter()
        .map(|f| FieldInfo {
            key: f.key,
            en: f.en,
            zh: f.zh,
            required: f.required,
        })
        .collect()
}

/// A header without case, spaces or punctuation.
fn normal(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// For each column, the field its header names (each field taken once, by
/// the first column that names it).
pub fn guess(kind: ImportKind, headers: &[String]) -> Vec<Option<String>> {
    let fields = fields(kind);
    let mut taken: Vec<&str> = Vec::new();
    headers
        .iter()
        .map(|h| {
            let h = normal(h);
            let hit = fields.iter().find(|f| {
                !taken.contains(&f.key) && (f.headers.contains(&h.as_str()) || normal(f.key) == h)
            })?;
            taken.push(hit.key);
            Some(hit.key.to_string())
        })
        .collect()
}

/// Checks a mapping chosen by the clerk: one entry per column, known fields,
/// none twice, every required field mapped. Answers each field's column.
pub fn columns(
    kind: ImportKind,
    headers: &[String],
    mapping: &[Option<String>],
) -> Result<Columns> {
    if mapping.len() != headers.len() {
        return Err(Error::invalid(
            "mapping",
            format!(
                "The file has {} columns; the mapping names {}",
                headers.len(),
                mapping.len()
            ),
            format!(
                "文件有 {} 列，对应关系给出了 {} 列",
                headers.len(),
                mapping.len()
            ),
        ));
    }
    let fields = fields(kind);
    let mut at = std::collections::HashMap::new();
    for (i, m) in mapping.iter().enumerate() {
        let Some(key) = m.as_deref().filter(|k| !k.is_empty()) else {
            continue;
        };
        let Some(field) = fields.iter().find(|f| f.key == key) else {
            return Err(Error::invalid(
                &format!("mapping.{i}"),
                format!("'{key}' is not something this import can fill"),
                format!("“{key}”不是本次导入可填写的字段"),
            ));
        };
        if at.insert(field.key, i).is_some() {
            return Err(Error::invalid(
                &format!("mapping.{i}"),
                format!("Two columns are both '{}'; choose one", field.en),
                format!("有两列都对应“{}”，请只选一列", field.zh),
            ));
        }
    }
    for f in fields.iter().filter(|f| f.required) {
        if !at.contains_key(f.key) {
            return Err(Error::invalid(
                "mapping",
                format!("No column is '{}'; it is required", f.en),
                format!("没有对应“{}”的列，这是必填项", f.zh),
            ));
        }
    }
    Ok(Columns { at })
}

/// Which column holds which field.
pub struct Columns {
    at: std::collections::HashMap<&'static str, usize>,
}

impl Columns {
    pub fn of(&self, key: &str) -> Option<usize> {
        self.at.get(key).copied()
    }
}

/// The clerk's words for a field key (for a problem's column).
pub fn words(kind: ImportKind, key: &str) -> (&'static str, &'static str) {
    fields(kind)
        .into_iter()
        .find(|f| f.key == key)
        .map(|f| (f.en, f.zh))
        .unwrap_or(("", ""))
}
