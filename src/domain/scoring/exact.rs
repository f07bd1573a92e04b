//! Exact fractions of hundredths: means and blends stay exact until the single
//! rounding step (see `docs/scoring.md`).

use std::cmp::Ordering;
use std::fmt;
use std::ops::{Add, Sub};

use crate::domain::points::Points;

/// An exact number of points, held as a fraction of hundredths (`num / den`
/// hundredths, `den > 0`, reduced). Means of scores like 7 + 8 + 8 over 3 stay exact
/// until the single rounding step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Exact {
    num: i128,
    den: i128,
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    // Fast path: 128-bit division is emulated in software (notably in wasm), and
    // scores' fractions almost always fit in 64 bits.
    if let (Ok(x), Ok(y)) = (u64::try_from(a), u64::try_from(b)) {
        let (mut x, mut y) = (x, y);
        while y != 0 {
            let t = x % y;
            x = y;
            y = t;
        }
        return i128::from(x);
    }
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    i128::try_from(a).unwrap_or(1)
}

impl Exact {
    pub const ZERO: Exact = Exact { num: 0, den: 1 };

    fn new(num: i128, den: i128) -> Exact {
        let (num, den) = if den < 0 {
            (num.saturating_neg(), den.saturating_neg())
        } else {
            (num, den)
        };
        if let (Ok(n), Ok(d)) = (i64::try_from(num), i64::try_from(den)) {
            // The same in 64 bits (see `gcd`).
            let g = i64::try_from(gcd(num, den).max(1)).unwrap_or(1);
            return Exact {
                num: i128::from(n / g),
                den: i128::from(d / g),
            };
        }
        let g = gcd(num, den).max(1);
        Exact {
            num: num / g,
            den: den / g,
        }
    }

    /// Exactly these points.
    pub fn from_points(p: Points) -> Exact {
        Exact {
            num: p.hundredths() as i128,
            den: 1,
        }
    }

    /// The mean of some points (`None` for none).
    pub fn mean(points: &[Points]) -> Option<Exact> {
        if points.is_empty() {
            return None;
        }
        let sum: i128 = points.iter().map(|p| p.hundredths() as i128).sum();
        Some(Exact::new(sum, points.len() as i128))
    }

    /// `self × k / d`.
    pub fn scale(self, k: i128, d: i128) -> Exact {
        match (self.num.checked_mul(k), self.den.checked_mul(d)) {
            (Some(n), Some(m)) if m != 0 => Exact::new(n, m),
            _ => {
                let c = self.coarse();
                Exact::new(c.num.saturating_mul(k) / d.max(1), COARSE)
            }
        }
    }

    /// Rounded half-up (away from zero) to hundredths: the one rounding rule.
    pub fn rounded(self) -> Points {
        let (n, d) = (self.num.abs(), self.den);
        let r = (2 * n + d) / (2 * d);
        Points(if self.num < 0 { -(r as i64) } else { r as i64 })
    }

    /// As a float number of points (for charts and percentages only).
    pub fn as_f64(self) -> f64 {
        self.num as f64 / self.den as f64 / 100.0
    }

    /// Whether it is a whole number of hundredths (no rounding needed).
    pub fn is_exact_hundredths(self) -> bool {
        self.den == 1
    }

    /// The larger of two.
    pub fn max(self, o: Exact) -> Exact {
        if o > self {
            o
        } else {
            self
        }
    }
}

impl Default for Exact {
    fn default() -> Self {
        Exact::ZERO
    }
}

impl Add for Exact {
    type Output = Exact;
    fn add(self, o: Exact) -> Exact {
        let exact = (|| {
            let a = self.num.checked_mul(o.den)?;
            let b = o.num.checked_mul(self.den)?;
            Some(Exact::new(a.checked_add(b)?, self.den.checked_mul(o.den)?))
        })();
        exact.unwrap_or_else(|| {
            // Only with absurd numbers of assessors: fall back to 1e-9 hundredths.
            let (a, b) = (self.coarse(), o.coarse());
            Exact::new(a.num.saturating_add(b.num), COARSE)
        })
    }
}

impl Sub for Exact {
    type Output = Exact;
    fn sub(self, o: Exact) -> Exact {
        self + Exact {
            num: -o.num,
            den: o.den,
        }
    }
}

/// The denominator of the overflow fallback.
const COARSE: i128 = 1_000_000_000;

impl Exact {
    /// The nearest fraction with denominator [`COARSE`].
    fn coarse(self) -> Exact {
        let whole = self.num / self.den;
        let rem = self.num % self.den;
        let frac = (rem as f64 / self.den as f64 * COARSE as f64).round() as i128;
        Exact {
            num: whole.saturating_mul(COARSE).saturating_add(frac),
            den: COARSE,
        }
    }
}

impl std::iter::Sum for Exact {
    fn sum<I: Iterator<Item = Exact>>(iter: I) -> Exact {
        iter.fold(Exact::ZERO, Add::add)
    }
}

impl PartialOrd for Exact {
    fn partial_cmp(&self, o: &Exact) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Exact {
    fn cmp(&self, o: &Exact) -> Ordering {
        match (self.num.checked_mul(o.den), o.num.checked_mul(self.den)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.coarse().num.cmp(&o.coarse().num),
        }
    }
}

impl fmt::Display for Exact {
    /// Rounded half-up to two decimals for display (an official table says once, in a
    /// note, that figures are rounded, rather than marking each one).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.rounded())
    }
}
