//! 流动党员: the cards and their contact log, 组织关系转接 with the 介绍信, 失联 — adapters over
//! `branchbook_core::mobile`.
use super::state::{actor, save_table, with, Arg, Res, Store};
use branchbook_core::kernel::dates;
use branchbook_core::kernel::print_table::PrintTable;
use branchbook_core::mobile::{self, contact, lost, transfer, Board, Card, CardInput, Contact, ContactInput, InInput, Lost, LostInput, OutInput, Transfer};
use tauri::{AppHandle, Runtime, State};

#[tauri::command(async)]
pub fn mobile_board(store: State<Store>) -> Res<Board> {
    with(&store, |c| mobile::board(c, dates::today()))
}

#[tauri::command]
pub fn mobile_card_save(store: State<Store>, input: Arg<CardInput>) -> Res<Card> {
    with(&store, |c| mobile::save(c, &actor(c)?, &input, dates::today()))
}

/// 返回: the card closes on that day.
#[tauri::command]
pub fn mobile_card_return(store: State<Store>, id: Arg<i64>, date: Arg<String>) -> Res<Card> {
    with(&store, |c| mobile::return_home(c, &actor(c)?, *id, &date, dates::today()))
}

/// A contact with a mobile member, or a search for a 失联 one.
#[tauri::command]
pub fn mobile_contact_add(store: State<Store>, input: Arg<ContactInput>) -> Res<Contact> {
    with(&store, |c| contact::add(c, &actor(c)?, &input, dates::today()))
}

#[tauri::command]
pub fn mobile_contact_void(store: State<Store>, id: Arg<i64>, reason: Arg<String>) -> Res<()> {
    with(&store, |c| contact::void(c, &actor(c)?, *id, &reason))
}

/// The branch's cadence (months) for the 六个清 and contact.
#[tauri::command]
pub fn mobile_cadence_set(store: State<Store>, cadence: Arg<i32>) -> Res<Board> {
    with(&store, |c| {
        mobile::config::set_cadence(c, *cadence)?;
        mobile::board(c, dates::today())
    })
}

#[tauri::command(async)]
pub fn mobile_transfers(store: State<Store>) -> Res<Vec<Transfer>> {
    with(&store, |c| transfer::list(c, dates::today()))
}

/// 开具介绍信.
#[tauri::command]
pub fn mobile_transfer_out(store: State<Store>, input: Arg<OutInput>) -> Res<Transfer> {
    with(&store, |c| transfer::transfer_out(c, &actor(c)?, &input, dates::today()))
}

/// The 回执 is back: the member becomes 转出.
#[tauri::command]
pub fn mobile_transfer_receipt(store: State<Store>, id: Arg<i64>, arrived_on: Arg<String>, receipt_on: Arg<String>) -> Res<Transfer> {
    with(&store, |c| transfer::receipt(c, &actor(c)?, *id, &arrived_on, &receipt_on, dates::today()))
}

#[tauri::command]
pub fn mobile_transfer_cancel(store: State<Store>, id: Arg<i64>, reason: Arg<String>) -> Res<Transfer> {
    with(&store, |c| transfer::cancel(c, &actor(c)?, *id, &reason, dates::today()))
}

/// 转入.
#[tauri::command]
pub fn mobile_transfer_in(store: State<Store>, input: Arg<InInput>) -> Res<Transfer> {
    with(&store, |c| transfer::transfer_in(c, &actor(c)?, &input, dates::today()))
}

#[tauri::command(async)]
pub fn mobile_lost(store: State<Store>) -> Res<Vec<Lost>> {
    with(&store, |c| lost::list(c, dates::today()))
}

/// 登记失联.
#[tauri::command]
pub fn mobile_lost_mark(store: State<Store>, input: Arg<LostInput>) -> Res<Vec<Lost>> {
    with(&store, |c| {
        lost::mark(c, &actor(c)?, &input, dates::today())?;
        lost::list(c, dates::today())
    })
}

/// Carries out what the rules propose: 停止党籍, or 除名 two years later.
#[tauri::command]
pub fn mobile_lost_act(store: State<Store>, member_id: Arg<i64>, date: Arg<String>) -> Res<Vec<Lost>> {
    with(&store, |c| {
        lost::act(c, &actor(c)?, *member_id, &date, dates::today())?;
        lost::list(c, dates::today())
    })
}

/// 介绍信 (`letter`, by transfer id), 流动党员登记表 (`cards`), 组织关系转接登记 (`transfers`, of a year), 失联党员 (`lost`).
#[tauri::command(async)]
pub fn mobile_print_table(store: State<Store>, kind: Arg<String>, id: Arg<Option<i64>>, year: Arg<Option<i32>>) -> Res<PrintTable> {
    with(&store, |c| mobile::print(c, &kind, *id, *year, dates::today()))
}

/// The same saved as .xlsx where the secretary picks. `None` when cancelled.
#[tauri::command]
pub async fn mobile_export<R: Runtime>(app: AppHandle<R>, store: State<'_, Store>, kind: Arg<String>, id: Arg<Option<i64>>, year: Arg<Option<i32>>) -> Res<Option<String>> {
    let t = with(&store, |c| mobile::print(c, &kind, *id, *year, dates::today()))?;
    save_table(&app, &t.title, &t)
}

/// Each command's arguments as the page sends them, for `ipc_tests` (see there).
#[cfg(test)]
pub(crate) fn ipc_args() -> Vec<crate::ipc_tests::Row> {
    use serde_json::json;
    vec![
        ("mobile_board", vec![]),
        ("mobile_card_save", vec![("input", json!({}), json!("x"))]),
        ("mobile_card_return", vec![("id", json!(1), json!("一")), ("date", json!("2026-12-01"), json!(5))]),
        ("mobile_contact_add", vec![("input", json!({}), json!("x"))]),
        ("mobile_contact_void", vec![("id", json!(1), json!("一")), ("reason", json!("x"), json!(5))]),
        ("mobile_cadence_set", vec![("cadence", json!(6), json!("六"))]),
        ("mobile_transfers", vec![]),
        ("mobile_transfer_out", vec![("input", json!({}), json!("x"))]),
        ("mobile_transfer_receipt", vec![("id", json!(1), json!("一")), ("arrivedOn", json!("2026-12-01"), json!(5)), ("receiptOn", json!("2026-12-01"), json!(5))]),
        ("mobile_transfer_cancel", vec![("id", json!(1), json!("一")), ("reason", json!("x"), json!(5))]),
        ("mobile_transfer_in", vec![("input", json!({}), json!("x"))]),
        ("mobile_lost", vec![]),
        ("mobile_lost_mark", vec![("input", json!({}), json!("x"))]),
        ("mobile_lost_act", vec![("memberId", json!(1), json!("一")), ("date", json!("2026-12-01"), json!(5))]),
        ("mobile_print_table", vec![("kind", json!("cards"), json!(5)), ("?id", json!(1), json!("一")), ("?year", json!(2026), json!("二〇二六"))]),
        ("mobile_export", vec![("kind", json!("cards"), json!(5)), ("?id", json!(1), json!("一")), ("?year", json!(2026), json!("二〇二六"))]),
    ]
}
