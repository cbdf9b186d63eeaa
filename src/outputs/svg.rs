//! Inline SVG drawn at build time: horizontal bar charts for `/zahlen/` and
//! the network map of `/netzwerk/` (a deterministic two-column layout:
//! regions left, partners right, both ordered by a fixed number of
//! barycenter sweeps so that lines cross little; no randomness). Every SVG has `role="img"`,
//! a `<title>` and a `<desc>`; the pages put an equivalent table beside it.

use super::xml_escape as esc;
use std::fmt::Write;

/// Colours for partner kinds; each has at least 3:1 contrast on white.
pub const PALETTE: [&str; 16] = [
    "#1f5fa8", "#b3261e", "#2e7d32", "#7b1fa2", "#b35900", "#00796b", "#5d4037", "#ad1457",
    "#3949ab", "#5b6b00", "#455a64", "#8e0000", "#006064", "#6a4c93", "#7a5c00", "#c2185b",
];
/// Bars and region nodes (contrast 8.6:1 on white).
pub const BAR: &str = "#1f4e8c";
pub const TEXT: &str = "#1a1a1a";
pub const LINE: &str = "#767676";

/// One bar: a label and a count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: usize,
}

/// Cuts a label to `n` characters with an ellipsis.
fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t = t.trim_end().to_string();
        t.push('…');
        t
    }
}

const CHART_W: usize = 400;
const ROW: usize = 44;
const BAR_MAX: usize = 340;

/// A horizontal bar chart: label above each bar, value after it.
/// `desc` is the text alternative; the value list is appended to it.
pub fn bar_chart(id: &str, title: &str, bars: &[Bar]) -> String {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let height = bars.len().max(1) * ROW + 8;
    let desc = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, b.value))
        .collect::<Vec<_>>()
        .join("; ");
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {CHART_W} {height}\" width=\"{CHART_W}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-t\" aria-describedby=\"{id}-d\" font-family=\"system-ui, sans-serif\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        esc(title),
        esc(&desc)
    );
    if bars.is_empty() {
        let _ = write!(
            s,
            "<text x=\"0\" y=\"24\" font-size=\"14\" fill=\"{TEXT}\">–</text>"
        );
    }
    for (i, b) in bars.iter().enumerate() {
        let y = i * ROW;
        let w = if b.value == 0 {
            0
        } else {
            (b.value * BAR_MAX / max).max(2)
        };
        let _ = write!(
            s,
            "<g class=\"chart-row\"><text x=\"0\" y=\"{}\" font-size=\"13\" fill=\"{TEXT}\">{}</text>\
             <rect x=\"0\" y=\"{}\" width=\"{w}\" height=\"16\" rx=\"2\" fill=\"{BAR}\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"13\" font-weight=\"700\" fill=\"{TEXT}\">{}</text></g>",
            y + 15,
            esc(&cut(&b.label, 58)),
            y + 21,
            w + 6,
            y + 34,
            b.value
        );
    }
    s.push_str("</svg>");
    s
}

/// A node of the network map.
#[derive(Clone, Debug)]
pub struct Node {
    pub label: String,
    pub url: String,
    pub color: &'static str,
}

/// The network map's input: regions, partners and the edges between them.
#[derive(Clone, Debug, Default)]
pub struct Network {
    pub regions: Vec<Node>,
    pub partners: Vec<Node>,
    /// `(region, partner, coordinates)`: the partner sits in the region's
    /// steering group; `coordinates` draws the line bold.
    pub edges: Vec<(usize, usize, bool)>,
    /// `(label, colour)` of the partner kinds in use.
    pub legend: Vec<(String, &'static str)>,
}

const MAP_W: f64 = 800.0;
const REGION_X: f64 = 232.0;
const PARTNER_X: f64 = 512.0;
const P_ROW: f64 = 24.0;
const TOP: f64 = 16.0;

/// Sweeps of the barycenter ordering (fixed, so the layout is stable).
const SWEEPS: usize = 4;

/// Orders `n` nodes by the mean rank of their neighbours (`rank_of`
/// other side); nodes without neighbours go last; ties keep `prev` order.
fn barycenter(n: usize, edges: &[(usize, usize)], rank_of: &[usize], prev: &[usize]) -> Vec<usize> {
    let mut sum = vec![0.0f64; n];
    let mut cnt = vec![0usize; n];
    for &(me, other) in edges {
        sum[me] += rank_of[other] as f64;
        cnt[me] += 1;
    }
    let mut pos = vec![0usize; n];
    for (i, &x) in prev.iter().enumerate() {
        pos[x] = i;
    }
    let key = |x: usize| {
        if cnt[x] == 0 {
            f64::MAX
        } else {
            sum[x] / cnt[x] as f64
        }
    };
    let mut order = prev.to_vec();
    order.sort_by(|&a, &b| key(a).total_cmp(&key(b)).then(pos[a].cmp(&pos[b])));
    order
}

fn ranks(order: &[usize]) -> Vec<usize> {
    let mut r = vec![0; order.len()];
    for (i, &x) in order.iter().enumerate() {
        r[x] = i;
    }
    r
}

/// The order regions and partners are drawn in (top to bottom).
pub fn layout_order(net: &Network) -> (Vec<usize>, Vec<usize>) {
    let (nr, np) = (net.regions.len(), net.partners.len());
    let pr: Vec<(usize, usize)> = net.edges.iter().map(|&(r, p, _)| (p, r)).collect();
    let rp: Vec<(usize, usize)> = net.edges.iter().map(|&(r, p, _)| (r, p)).collect();
    let mut regions: Vec<usize> = (0..nr).collect();
    let mut partners: Vec<usize> = (0..np).collect();
    for _ in 0..SWEEPS {
        partners = barycenter(np, &pr, &ranks(&regions), &partners);
        regions = barycenter(nr, &rp, &ranks(&partners), &regions);
    }
    partners = barycenter(np, &pr, &ranks(&regions), &partners);
    (regions, partners)
}

/// The order partners are drawn in.
pub fn partner_order(net: &Network) -> Vec<usize> {
    layout_order(net).1
}

/// Draws the network map.
pub fn network_map(id: &str, title: &str, desc: &str, net: &Network) -> String {
    let (rorder, porder) = layout_order(net);
    let mut py = vec![0.0; net.partners.len()];
    for (row, &p) in porder.iter().enumerate() {
        py[p] = TOP + row as f64 * P_ROW + P_ROW / 2.0;
    }
    let graph_h = (net.partners.len().max(net.regions.len()).max(1) as f64) * P_ROW;
    // Each region at the mean height of its partners, kept in order and at
    // least two rows apart, and inside the drawing.
    let gap = 2.0 * P_ROW;
    let mut ry = vec![0.0; net.regions.len()];
    let mut prev = f64::MIN;
    for &r in &rorder {
        let ys: Vec<f64> = net
            .edges
            .iter()
            .filter(|e| e.0 == r)
            .map(|e| py[e.1])
            .collect();
        let want = if ys.is_empty() {
            prev + gap
        } else {
            ys.iter().sum::<f64>() / ys.len() as f64
        };
        let y = want.max(prev + gap).max(TOP + P_ROW / 2.0);
        ry[r] = y;
        prev = y;
    }
    let bottom = TOP + graph_h - P_ROW / 2.0;
    let mut next = f64::MAX;
    for &r in rorder.iter().rev() {
        ry[r] = ry[r].min(bottom).min(next - gap);
        next = ry[r];
    }
    let graph_h = graph_h.max(ry.iter().fold(0.0f64, |a, &b| a.max(b)) - TOP + P_ROW / 2.0);
    let legend_rows = net.legend.len().div_ceil(2);
    let legend_y = TOP + graph_h + 24.0;
    let height = legend_y + legend_rows as f64 * 22.0 + 30.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"network-map\" viewBox=\"0 0 {MAP_W} {height}\" width=\"{MAP_W}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-t\" aria-describedby=\"{id}-d\" font-family=\"system-ui, sans-serif\" font-size=\"13\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc><g class=\"edges\" fill=\"none\">",
        esc(title),
        esc(desc)
    );
    let mid = (REGION_X + PARTNER_X) / 2.0;
    for &(r, p, strong) in &net.edges {
        let (y1, y2) = (ry[r], py[p]);
        let (w, color, dash) = if strong {
            (2.5, TEXT, "")
        } else {
            (1.0, LINE, "")
        };
        let _ = write!(
            s,
            "<path d=\"M{REGION_X} {y1:.1} C{mid} {y1:.1} {mid} {y2:.1} {PARTNER_X} {y2:.1}\" stroke=\"{color}\" stroke-width=\"{w}\"{dash}/>"
        );
    }
    s.push_str("</g><g class=\"regions\">");
    for (r, n) in net.regions.iter().enumerate() {
        let y = ry[r];
        // The map is one image (role="img"): no links inside it, which a
        // screen reader could not reach and a keyboard should not have to
        // pass. The tables below the map have the same links; the <title>
        // shows a cut name in full on hover.
        let _ = write!(
            s,
            "<g><title>{}</title><rect x=\"{}\" y=\"{:.1}\" width=\"16\" height=\"16\" rx=\"3\" fill=\"{BAR}\"/>\
             <text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" font-weight=\"700\" fill=\"{TEXT}\">{}</text></g>",
            esc(&n.label),
            REGION_X - 8.0,
            y - 8.0,
            REGION_X - 14.0,
            y + 4.5,
            esc(&cut(&n.label, 30))
        );
    }
    s.push_str("</g><g class=\"partners\">");
    for (p, n) in net.partners.iter().enumerate() {
        let y = py[p];
        let _ = write!(
            s,
            "<g><title>{}</title><circle cx=\"{PARTNER_X}\" cy=\"{y:.1}\" r=\"6\" fill=\"{}\"/>\
             <text x=\"{}\" y=\"{:.1}\" fill=\"{TEXT}\">{}</text></g>",
            esc(&n.label),
            n.color,
            PARTNER_X + 12.0,
            y + 4.5,
            esc(&cut(&n.label, 36))
        );
    }
    s.push_str("</g><g class=\"legend\">");
    for (k, (label, color)) in net.legend.iter().enumerate() {
        let x = if k % 2 == 0 { 8.0 } else { MAP_W / 2.0 + 8.0 };
        let y = legend_y + (k / 2) as f64 * 22.0;
        let _ = write!(
            s,
            "<circle cx=\"{x}\" cy=\"{y:.1}\" r=\"6\" fill=\"{color}\"/><text x=\"{}\" y=\"{:.1}\" fill=\"{TEXT}\">{}</text>",
            x + 12.0,
            y + 4.5,
            esc(&cut(label, 44))
        );
    }
    let ly = legend_y + legend_rows as f64 * 22.0 + 6.0;
    let _ = write!(
        s,
        "<rect x=\"2\" y=\"{:.1}\" width=\"12\" height=\"12\" rx=\"2\" fill=\"{BAR}\"/><text x=\"20\" y=\"{:.1}\" fill=\"{TEXT}\">Region</text>\
         <path d=\"M120 {ly:.1} h32\" stroke=\"{TEXT}\" stroke-width=\"2.5\"/><text x=\"160\" y=\"{:.1}\" fill=\"{TEXT}\">koordiniert</text>\
         <path d=\"M260 {ly:.1} h32\" stroke=\"{LINE}\" stroke-width=\"1\"/><text x=\"300\" y=\"{:.1}\" fill=\"{TEXT}\">Mitglied der Steuerungsgruppe</text>",
        ly - 6.0,
        ly + 4.5,
        ly + 4.5,
        ly + 4.5
    );
    s.push_str("</g></svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(l: &str) -> Node {
        Node {
            label: l.into(),
            url: format!("/{l}/"),
            color: PALETTE[0],
        }
    }

    #[test]
    fn bar_chart_is_accessible_and_escaped() {
        let bars = [
            Bar {
                label: "Kreis / Kommune".into(),
                value: 19,
            },
            Bar {
                label: "<IHK & Co>".into(),
                value: 2,
            },
        ];
        let svg = bar_chart("c1", "Koordination", &bars);
        assert!(svg.contains("role=\"img\"") && svg.contains("aria-labelledby=\"c1-t\""));
        assert!(svg.contains("Kreis / Kommune: 19; &lt;IHK &amp; Co&gt;: 2"));
        assert!(svg.contains(&format!("width=\"{BAR_MAX}\"")));
        let doc = roxmltree::Document::parse(&svg).unwrap();
        assert_eq!(
            doc.descendants().filter(|n| n.has_tag_name("rect")).count(),
            2
        );
    }

    #[test]
    fn network_layout_is_deterministic_and_orders_by_region() {
        let net = Network {
            regions: vec![node("r0"), node("r1")],
            partners: vec![node("p-late"), node("p-early"), node("p-none")],
            edges: vec![(1, 0, true), (0, 1, false)],
            legend: vec![("Schule".into(), PALETTE[0])],
        };
        assert_eq!(partner_order(&net), [1, 0, 2]);
        assert_eq!(layout_order(&net).0, [0, 1]);
        let a = network_map("n", "Netz", "Beschreibung", &net);
        assert_eq!(a, network_map("n", "Netz", "Beschreibung", &net));
        roxmltree::Document::parse(&a).unwrap();
        assert_eq!(a.matches("<g><title>").count(), 5);
        assert!(!a.contains("<a "), "no links inside an image");
    }
}
