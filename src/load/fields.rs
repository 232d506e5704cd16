//! The field names a file accepts, read from the `raw` types' serde
//! derive rather than listed again by hand, so the typo suggestions
//! ("did you mean `hs_codes`?") cannot drift from what is parsed.

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use super::raw::{RawAvailability, RawBreak, RawBuyer, RawDay, RawEvent, RawSeller, RawWishes};

/// event.json's fields, its days' and their breaks'.
pub fn event_fields() -> Vec<&'static str> {
    [
        fields_of::<RawEvent>(),
        fields_of::<RawDay>(),
        fields_of::<RawBreak>(),
    ]
    .concat()
}

/// sellers.json's fields, with those of `wishes` and `available`.
pub fn seller_fields() -> Vec<&'static str> {
    [
        fields_of::<RawSeller<'static>>(),
        fields_of::<RawWishes>(),
        fields_of::<RawAvailability<'static>>(),
    ]
    .concat()
}

/// buyers.json's fields, with those of `wishes` and `available`.
pub fn buyer_fields() -> Vec<&'static str> {
    [
        fields_of::<RawBuyer<'static>>(),
        fields_of::<RawWishes>(),
        fields_of::<RawAvailability<'static>>(),
    ]
    .concat()
}

/// The field names a derived struct passes to `deserialize_struct`.
fn fields_of<T: Deserialize<'static>>() -> &'static [&'static str] {
    match T::deserialize(Introspect) {
        Err(Fields(fields)) => fields,
        Ok(_) => &[],
    }
}

/// A deserializer that reads nothing: it stops at the struct's field list,
/// returned as the "error".
struct Introspect;

#[derive(Debug)]
struct Fields(&'static [&'static str]);

impl std::fmt::Display for Fields {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "fields {:?}", self.0)
    }
}

impl std::error::Error for Fields {}

impl de::Error for Fields {
    fn custom<T: std::fmt::Display>(_: T) -> Fields {
        Fields(&[])
    }
}

impl<'de> Deserializer<'de> for Introspect {
    type Error = Fields;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Fields> {
        Err(Fields(&[]))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Fields> {
        Err(Fields(fields))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_file_lists_its_own_and_its_nested_objects_fields_in_order() {
        let event = event_fields();
        assert_eq!(event[..3], ["name", "venue", "timezone"]);
        assert_eq!(
            event[event.len() - 6..],
            ["date", "start", "end", "breaks", "from", "to"]
        );
        let sellers = seller_fields();
        assert!(sellers.contains(&"certifications") && !sellers.contains(&"interests"));
        let buyers = buyer_fields();
        assert!(buyers.contains(&"required_certifications") && buyers.contains(&"company_zh"));
        for list in [sellers, buyers] {
            assert_eq!(
                list[list.len() - 6..],
                ["wishes", "meet", "avoid", "date", "from", "to"]
            );
        }
    }
}
