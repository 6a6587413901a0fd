// The words for the shop's bill follow the document it issues (the core's
// `settings.document_kind`: the shop's choice, or what its currency implies): a
// VAT/tax invoice, or in mainland China the repair settlement list (结算单), where
// a 发票 comes only from the tax authority's system and its correction is not a
// 红字发票. i18n.svelte.ts looks here first while the shop issues settlement lists.

/** English UI text → [English, Chinese] while the shop issues settlement lists. */
export const SETTLEMENT_WORDS: Record<string, [string, string]> = {
  Invoice: ["Settlement list", "结算单"],
  "Credit note": ["Correction", "更正单"],
  "Credit notes": ["Corrections", "更正单"],
  "Credit the whole invoice": ["Correct the whole settlement list", "全额开具更正单"],
  "Credit the ticked lines": ["Correct the ticked lines", "更正所选项目"],
  "Reason for the credit note": ["Reason for the correction", "更正原因"],
  Credited: ["Corrected", "已更正"],
  "An issued invoice never changes: a correction is a credit note. Tick lines to credit part of it.": [
    "An issued settlement list never changes: a correction is its own document. Tick lines to correct part of it.",
    "已开具的结算单不可更改：更正须开具更正单。勾选项目可部分更正。",
  ],
  "Issue the invoice and guarantee card": ["Issue the settlement list and guarantee card", "开具结算单和质量保证卡"],
  "The invoice waits for a passed quality check.": ["The settlement list waits for a passed quality check.", "质检合格后才能开具结算单。"],
  "Passed. The job is ready for its invoice.": ["Passed. The job is ready for its settlement list.", "检验合格，可以开具结算单。"],
  "Go to the invoice": ["Go to the settlement list", "前往结算单"],
  "Invoices and payments": ["Settlement lists and payments", "结算与收款"],
};
