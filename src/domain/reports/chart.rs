//! The geometry of the 报表 page's count charts (grades, statuses, outcomes by kind):
//! horizontal bars scaled to the largest count. The component draws what this returns.

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct CountBar {
    pub label: String,
    pub y: f64,
    pub width: f64,
    pub value: String,
}

/// A chart of counts.
#[derive(Debug, Clone, PartialEq)]
pub struct CountChart {
    pub width: f64,
    pub height: f64,
    /// Where the bars start (labels are to the left).
    pub plot_x: f64,
    pub bar_height: f64,
    pub bars: Vec<CountBar>,
}

const WIDTH: f64 = 420.0;
const PLOT_X: f64 = 110.0;
const BAR: f64 = 16.0;
const GAP: f64 = 8.0;

/// Bars for `items` (label, count), the longest as wide as the plot; all zero: no bars
/// drawn but the labels and "0" shown.
pub fn count_chart(items: &[(String, usize)]) -> CountChart {
    let max = items.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let plot = WIDTH - PLOT_X - 40.0;
    let bars = items
        .iter()
        .enumerate()
        .map(|(i, (label, n))| CountBar {
            label: label.clone(),
            y: GAP + i as f64 * (BAR + GAP),
            width: if max == 0 {
                0.0
            } else {
                plot * (*n as f64) / (max as f64)
            },
            value: n.to_string(),
        })
        .collect();
    CountChart {
        width: WIDTH,
        height: GAP + items.len() as f64 * (BAR + GAP),
        plot_x: PLOT_X,
        bar_height: BAR,
        bars,
    }
}

/// The chart in words, for its accessible name: "优秀 3，良好 5".
pub fn count_summary(title: &str, items: &[(String, usize)]) -> String {
    let parts: Vec<String> = items.iter().map(|(l, n)| format!("{l} {n}")).collect();
    format!("{title}：{}", parts.join("，"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_count() {
        let c = count_chart(&[("优秀".into(), 2), ("良好".into(), 4), ("合格".into(), 0)]);
        // The plot is 420 − 110 − 40 = 270 wide: 4 → 270, 2 → 135, 0 → 0.
        assert_eq!(c.bars[1].width, 270.0);
        assert_eq!(c.bars[0].width, 135.0);
        assert_eq!(c.bars[2].width, 0.0);
        // Rows 8 + i × 24; height 8 + 3 × 24 = 80.
        assert_eq!(c.bars[2].y, 56.0);
        assert_eq!(c.height, 80.0);
        assert_eq!(count_chart(&[("a".into(), 0)]).bars[0].width, 0.0);
    }
}
