//! Points as exact hundredths, so that sums of entered scores are exact and
//! rounding happens at one documented place (see `docs/scoring.md`).

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Mul, Sub};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A number of points held as hundredths (`Points(350)` is 3.5 points).
/// Serialised as a JSON number (`3.5`), read back exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Points(pub i64);

/// Why a text is not a number of points.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PointsParseError {
    #[error("不是数字")]
    NotANumber,
    #[error("最多保留两位小数")]
    TooManyDecimals,
    #[error("数值过大")]
    TooLarge,
}

impl Points {
    pub const ZERO: Points = Points(0);

    /// Whole points, e.g. `Points::whole(4)` is 4 points.
    pub const fn whole(n: i64) -> Points {
        Points(n * 100)
    }

    /// The hundredths.
    pub const fn hundredths(self) -> i64 {
        self.0
    }

    /// As a float, for display and for means.
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// Rounds a float to hundredths, half away from zero (四舍五入). A tiny tolerance
    /// absorbs binary floating error, so 2.675 (stored as 2.67499…) rounds to 2.68 as
    /// it does by hand.
    pub fn round_half_up(x: f64) -> Points {
        let scaled = x * 100.0;
        let r = if scaled >= 0.0 {
            (scaled + 0.5 + 1e-7).floor()
        } else {
            -((-scaled) + 0.5 + 1e-7).floor()
        };
        Points(r as i64)
    }

    /// [`Points::parse`] for a score, which may carry its unit as a sheet shows it:
    /// `3分`, `3.5 分`.
    pub fn parse_score(text: &str) -> Result<Points, PointsParseError> {
        let t = text.trim();
        Points::parse(t.strip_suffix('分').map_or(t, str::trim_end))
    }

    /// Parses what a person types: `4`, `3.5`, `3.50`, ` 2 `; full-width digits and
    /// the full-width point are accepted as typed by a Chinese input method.
    pub fn parse(text: &str) -> Result<Points, PointsParseError> {
        let normal = crate::domain::typed::half_width(text).replace('。', ".");
        let (neg, body) = match normal.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, normal.as_str()),
        };
        let (int_part, frac_part) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(PointsParseError::NotANumber);
        }
        if !int_part.chars().all(|c| c.is_ascii_digit())
            || !frac_part.chars().all(|c| c.is_ascii_digit())
        {
            return Err(PointsParseError::NotANumber);
        }
        let frac_trimmed = frac_part.trim_end_matches('0');
        if frac_trimmed.len() > 2 {
            return Err(PointsParseError::TooManyDecimals);
        }
        if int_part.len() > 12 {
            return Err(PointsParseError::TooLarge);
        }
        let whole: i64 = if int_part.is_empty() {
            0
        } else {
            int_part.parse().map_err(|_| PointsParseError::TooLarge)?
        };
        let mut frac: i64 = 0;
        for (i, c) in frac_trimmed.chars().enumerate() {
            let d = c as i64 - '0' as i64;
            frac += if i == 0 { d * 10 } else { d };
        }
        let v = whole * 100 + frac;
        Ok(Points(if neg { -v } else { v }))
    }
}

impl fmt::Display for Points {
    /// `3.5`, `4`, `2.25`, `-1`: as short as it can be written exactly.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        let (w, h) = (a / 100, a % 100);
        if h == 0 {
            write!(f, "{sign}{w}")
        } else if h % 10 == 0 {
            write!(f, "{sign}{w}.{}", h / 10)
        } else {
            write!(f, "{sign}{w}.{h:02}")
        }
    }
}

impl Add for Points {
    type Output = Points;
    fn add(self, o: Points) -> Points {
        Points(self.0 + o.0)
    }
}

impl Sub for Points {
    type Output = Points;
    fn sub(self, o: Points) -> Points {
        Points(self.0 - o.0)
    }
}

impl Mul<i64> for Points {
    type Output = Points;
    fn mul(self, k: i64) -> Points {
        Points(self.0 * k)
    }
}

impl Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        iter.fold(Points::ZERO, Add::add)
    }
}

impl Serialize for Points {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 % 100 == 0 {
            s.serialize_i64(self.0 / 100)
        } else {
            s.serialize_f64(self.as_f64())
        }
    }
}

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Points, D::Error> {
        let x = f64::deserialize(d)?;
        if !x.is_finite() || x.abs() > 1e12 {
            return Err(serde::de::Error::custom("分值超出范围"));
        }
        let p = Points::round_half_up(x);
        // Exact: a number written with at most two decimals reads back as exactly the
        // double of its hundredths; 4.000000001 or 1e-7 is refused, never rounded.
        if p.as_f64() != x {
            return Err(serde::de::Error::custom("分值最多保留两位小数"));
        }
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_people_type() {
        assert_eq!(Points::parse("4"), Ok(Points(400)));
        assert_eq!(Points::parse(" 3.5 "), Ok(Points(350)));
        assert_eq!(Points::parse("3.50"), Ok(Points(350)));
        assert_eq!(Points::parse("0.25"), Ok(Points(25)));
        assert_eq!(Points::parse(".5"), Ok(Points(50)));
        assert_eq!(Points::parse("３．５"), Ok(Points(350)));
        assert_eq!(Points::parse("-2"), Ok(Points(-200)));
        assert_eq!(Points::parse("abc"), Err(PointsParseError::NotANumber));
        assert_eq!(Points::parse(""), Err(PointsParseError::NotANumber));
        assert_eq!(Points::parse("1.2.3"), Err(PointsParseError::NotANumber));
        assert_eq!(
            Points::parse("1.234"),
            Err(PointsParseError::TooManyDecimals)
        );
    }

    #[test]
    fn displays_short_and_exact() {
        assert_eq!(Points(350).to_string(), "3.5");
        assert_eq!(Points(400).to_string(), "4");
        assert_eq!(Points(225).to_string(), "2.25");
        assert_eq!(Points(-105).to_string(), "-1.05");
        assert_eq!(Points(5).to_string(), "0.05");
    }

    #[test]
    fn rounds_half_up_like_by_hand() {
        assert_eq!(Points::round_half_up(2.675), Points(268));
        assert_eq!(Points::round_half_up(86.125), Points(8613));
        assert_eq!(Points::round_half_up(86.124999), Points(8612));
        assert_eq!(Points::round_half_up(1.0 / 3.0), Points(33));
        assert_eq!(Points::round_half_up(2.0 / 3.0), Points(67));
    }

    #[test]
    fn serde_round_trip() {
        let v = vec![Points(350), Points(400), Points(5)];
        let s = serde_json::to_string(&v).unwrap();
        assert_eq!(s, "[3.5,4,0.05]");
        let back: Vec<Points> = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
        assert!(serde_json::from_str::<Points>("1.234").is_err());
    }
}
