//! A 256-bit unsigned integer, just wide enough to scale a 38-digit coefficient
//! by `2^60` (`1Ei`) exactly; `ParseQuantity` does that step in `big.Int`.

/// Four 64-bit limbs, the most significant first, so the derived order is the
/// numeric order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Wide([u64; 4]);

impl Wide {
    pub(super) fn from_u128(n: u128) -> Wide {
        Wide([0, 0, (n >> 64) as u64, n as u64])
    }

    /// The value, when it fits a `u128`.
    pub(super) fn to_u128(self) -> Option<u128> {
        let [a, b, c, d] = self.0;
        (a == 0 && b == 0).then_some((u128::from(c) << 64) | u128::from(d))
    }

    pub(super) fn is_zero(self) -> bool {
        self.0 == [0; 4]
    }

    /// `self × m`, or `None` past 256 bits.
    pub(super) fn checked_mul(self, m: u64) -> Option<Wide> {
        let mut out = [0u64; 4];
        let mut carry = 0u128;
        for i in (0..4).rev() {
            // Below 2^64 × 2^64: fits.
            let t = u128::from(self.0[i]) * u128::from(m) + carry;
            out[i] = t as u64;
            carry = t >> 64;
        }
        (carry == 0).then_some(Wide(out))
    }

    /// `(self / d, self % d)` for `d > 0`.
    pub(super) fn div_rem(self, d: u64) -> (Wide, u64) {
        let d = u128::from(d.max(1));
        let mut out = [0u64; 4];
        let mut rem = 0u128;
        for (i, limb) in self.0.iter().enumerate() {
            // rem < d < 2^64, so this is below 2^128.
            let t = (rem << 64) | u128::from(*limb);
            out[i] = (t / d) as u64;
            rem = t % d;
        }
        (Wide(out), rem as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiplies_and_divides_past_128_bits() {
        let big = Wide::from_u128(u128::MAX);
        let times = big.checked_mul(1 << 60).expect("fits 256 bits");
        assert_eq!(times.to_u128(), None);
        let (back, rem) = times.div_rem(1 << 30);
        let (back, rem2) = back.div_rem(1 << 30);
        assert_eq!((back.to_u128(), rem, rem2), (Some(u128::MAX), 0, 0));
        assert_eq!(Wide::from_u128(7).div_rem(2), (Wide::from_u128(3), 1));
        assert!(
            times
                .checked_mul(1 << 63)
                .and_then(|t| t.checked_mul(1 << 63))
                .is_none()
        );
        assert!(Wide::from_u128(0).is_zero());
    }
}
