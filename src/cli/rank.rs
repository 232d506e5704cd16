//! `matchslate rank`: each buyer's best sellers (or a seller's best buyers),
//! explained, as an aligned table, JSON or CSV.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use clap::ValueEnum;
use matchslate::export::neutralise;
use matchslate::matching::Candidate;
use matchslate::model::Side;
use matchslate::summit::{Prepared, prepare, wish_reasons};
use matchslate::text::{cell, width};
use matchslate::wishes::{WishIndex, WishMark};
use serde::Serialize;

use super::report_invalid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

pub struct RankOptions<'a> {
    pub data: &'a Path,
    pub top: usize,
    pub buyer: Option<&'a str>,
    pub seller: Option<&'a str>,
    pub format: Format,
}

#[derive(Serialize)]
struct Row<'a> {
    buyer_id: &'a str,
    seller_id: &'a str,
    score: f32,
    interpreter: bool,
    /// ★ mutual, → from the buyer, ← from the seller, ✗ avoided.
    #[serde(skip_serializing_if = "Option::is_none")]
    wish: Option<&'static str>,
    reasons: Vec<String>,
}

pub fn run(options: &RankOptions) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let prepared = match prepare(options.data) {
        Ok(p) => p,
        Err(err) => return report_invalid(err),
    };
    let prepared_at = Instant::now();
    // A single participant's query builds the one index it reads as it
    // goes (its time counts as ranking).
    let mut indexed_at = prepared_at;
    // Whole-summit ranking is computed in parallel without reasons, and
    // reasons are written only for the rows printed.
    let mut groups: Vec<Vec<Candidate>> = if let Some(seller_id) = options.seller {
        let seller = prepared.seller_index(seller_id)?;
        vec![prepared.candidates_for_seller(seller, options.top)]
    } else if let Some(buyer_id) = options.buyer {
        let buyer = prepared.buyer_index(buyer_id)?;
        vec![prepared.candidates_for_buyer(buyer, options.top)]
    } else {
        // Built before ranking, so that timings can tell the two apart.
        prepared.matcher.build_seller_index();
        indexed_at = Instant::now();
        let ranked = prepared.matcher.rank_all_buyers(options.top);
        ranked
            .iter()
            .enumerate()
            .map(|(buyer, top)| {
                top.iter()
                    .map(|s| {
                        prepared
                            .matcher
                            .candidate(&prepared.summit, s.other as usize, buyer)
                    })
                    .collect()
            })
            .collect()
    };
    let ranked_at = Instant::now();
    // Marks come from the files' wishes; the rows keep their fit scores.
    let viewer = if options.seller.is_some() {
        Side::Seller
    } else {
        Side::Buyer
    };
    let wishes = WishIndex::new(&prepared.summit);
    for c in groups.iter_mut().flatten() {
        let mut reasons = wish_reasons(&prepared, &wishes, c.seller, c.buyer, viewer);
        if let Some(mark) = wishes.mark(c.seller, c.buyer) {
            reasons.insert(0, mark.symbol().to_string());
        }
        reasons.append(&mut c.reasons);
        c.reasons = reasons;
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match options.format {
        Format::Json => write_json(&mut out, &prepared, &groups)?,
        Format::Csv => write_csv(&mut out, &prepared, &groups)?,
        Format::Table => write_table(&mut out, &prepared, &groups, options.seller.is_some())?,
    }
    out.flush()?;
    if super::timings_wanted() {
        eprintln!(
            "timings: load and match {:.1} s, indexes {:.1} s, ranking {:.1} s, reasons and output {:.1} s",
            (prepared_at - started).as_secs_f64(),
            (indexed_at - prepared_at).as_secs_f64(),
            (ranked_at - indexed_at).as_secs_f64(),
            ranked_at.elapsed().as_secs_f64(),
        );
    }
    // The process ends here: freeing a million participants one by one
    // would take seconds the operating system does at once.
    std::mem::forget(prepared);
    Ok(ExitCode::SUCCESS)
}

/// The mark a reason list starts with, if any.
fn mark_of(reason: &str) -> Option<&'static str> {
    [
        WishMark::Mutual,
        WishMark::FromBuyer,
        WishMark::FromSeller,
        WishMark::Avoided,
    ]
    .into_iter()
    .map(WishMark::symbol)
    .find(|symbol| *symbol == reason)
}

/// Reasons joined, a leading wish mark set apart: "★ mutual wish; ...".
fn reason_text(reasons: &[String]) -> String {
    match reasons.split_first() {
        Some((mark, rest)) if mark_of(mark).is_some() => format!("{mark} {}", rest.join("; ")),
        _ => reasons.join("; "),
    }
}

fn write_json(out: &mut impl Write, p: &Prepared, groups: &[Vec<Candidate>]) -> anyhow::Result<()> {
    let rows: Vec<Row> = groups
        .iter()
        .flatten()
        .map(|c| Row {
            buyer_id: &p.summit.buyers[c.buyer].id,
            seller_id: &p.summit.sellers[c.seller].id,
            score: c.score,
            interpreter: c.interpreter,
            wish: c.reasons.first().and_then(|r| mark_of(r)),
            reasons: c
                .reasons
                .iter()
                .skip_while(|r| mark_of(r).is_some())
                .cloned()
                .collect(),
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &rows)?;
    writeln!(out)?;
    Ok(())
}

fn write_csv(out: &mut impl Write, p: &Prepared, groups: &[Vec<Candidate>]) -> anyhow::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "buyer_id",
        "seller_id",
        "rank",
        "score",
        "interpreter",
        "reasons",
    ])?;
    for group in groups {
        for (rank, c) in group.iter().enumerate() {
            writer.write_record([
                neutralise(&p.summit.buyers[c.buyer].id).as_ref(),
                neutralise(&p.summit.sellers[c.seller].id).as_ref(),
                &(rank + 1).to_string(),
                &format!("{:.1}", c.score),
                if c.interpreter { "yes" } else { "no" },
                neutralise(&reason_text(&c.reasons)).as_ref(),
            ])?;
        }
    }
    writer.flush()?;
    Ok(())
}

fn write_table(
    out: &mut impl Write,
    p: &Prepared,
    groups: &[Vec<Candidate>],
    by_seller: bool,
) -> anyhow::Result<()> {
    for group in groups {
        let Some(first) = group.first() else { continue };
        if by_seller {
            let s = &p.summit.sellers[first.seller];
            writeln!(
                out,
                "{}  {} ({})  {}",
                s.id,
                s.company,
                s.state,
                s.categories.join(", ")
            )?;
        } else {
            let b = &p.summit.buyers[first.buyer];
            let name = if b.company_zh.is_empty() {
                b.company.clone()
            } else {
                format!("{} {}", b.company_zh, b.company)
            };
            let wants: Vec<&str> = b
                .interests
                .iter()
                .chain(&b.hs_codes)
                .map(String::as_str)
                .collect();
            writeln!(
                out,
                "{}  {}  [{}]  wants: {}",
                b.id,
                name,
                b.buyer_type,
                wants.join(", ")
            )?;
        }
        for (rank, c) in group.iter().enumerate() {
            let (id, name) = if by_seller {
                let b = &p.summit.buyers[c.buyer];
                (
                    b.id.as_str(),
                    if b.company_zh.is_empty() {
                        b.company.as_str()
                    } else {
                        b.company_zh.as_str()
                    },
                )
            } else {
                let s = &p.summit.sellers[c.seller];
                (s.id.as_str(), s.company.as_str())
            };
            let name_width = 30;
            let shown = cell(name, name_width);
            debug_assert_eq!(width(&shown), name_width);
            writeln!(
                out,
                "  {:>2}. {:>5.1}{}  {:<8} {}  {}",
                rank + 1,
                c.score,
                if c.interpreter { "*" } else { " " },
                id,
                shown,
                reason_text(&c.reasons)
            )?;
        }
        writeln!(out)?;
    }
    if groups.iter().all(Vec::is_empty) {
        writeln!(out, "no candidates")?;
    } else {
        writeln!(out, "* needs an interpreter")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_columns_aligned_for_chinese() {
        assert_eq!(cell("上海鲜链", 10), "上海鲜链  ");
        assert_eq!(cell("上海鲜链贸易有限公司", 9), "上海鲜链…");
        assert_eq!(cell("上海鲜链贸易有限公司", 10), "上海鲜链… ");
        assert_eq!(width(&cell("上海鲜链贸易有限公司", 9)), 9);
        assert_eq!(cell("Wenatchee Heights Cherry Growers", 12), "Wenatchee H…");
    }
}
