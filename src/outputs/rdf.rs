//! RDF for the open-data catalogue: a list of triples built with
//! `oxrdf`, written as JSON-LD, Turtle or RDF/XML by oxigraph's
//! serializers, so that the three files are one graph by construction.

use jiff::civil::Date;
pub use oxrdf::Triple;
use oxrdf::{Literal, NamedNode};

pub use crate::routes::files::RdfFormat;

pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
pub const DCAT: &str = "http://www.w3.org/ns/dcat#";
pub const DCT: &str = "http://purl.org/dc/terms/";
pub const DCATDE: &str = "http://dcat-ap.de/def/dcatde/";
pub const FOAF: &str = "http://xmlns.com/foaf/0.1/";
pub const VCARD: &str = "http://www.w3.org/2006/vcard/ns#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// The prefixes each syntax abbreviates with.
const PREFIXES: [(&str, &str); 6] = [
    ("dcat", DCAT),
    ("dct", DCT),
    ("dcatde", DCATDE),
    ("foaf", FOAF),
    ("vcard", VCARD),
    ("xsd", XSD),
];

/// Triples in the order they are added. IRIs come from the site's
/// configuration and content; one that is not a valid IRI (a `base_url`
/// with a space is refused earlier) is kept as written rather than
/// dropped, and a parser of the file will say where it is.
#[derive(Default)]
pub struct Graph {
    pub triples: Vec<Triple>,
}

fn node(iri: &str) -> NamedNode {
    NamedNode::new(iri).unwrap_or_else(|_| NamedNode::new_unchecked(iri.replace(' ', "%20")))
}

impl Graph {
    fn push(&mut self, s: &str, p: &str, o: impl Into<oxrdf::Term>) {
        self.triples.push(Triple::new(node(s), node(p), o));
    }

    /// `s p <o>`.
    pub fn iri(&mut self, s: &str, p: &str, o: &str) {
        self.push(s, p, node(o));
    }

    /// `s p "text"@lang`.
    pub fn text(&mut self, s: &str, p: &str, text: &str, lang: &str) {
        let lit = Literal::new_language_tagged_literal(text, lang)
            .unwrap_or_else(|_| Literal::new_simple_literal(text));
        self.push(s, p, lit);
    }

    /// `s p "text"` (names, identifiers).
    pub fn plain(&mut self, s: &str, p: &str, text: &str) {
        self.push(s, p, Literal::new_simple_literal(text));
    }

    /// `s p "value"^^type`.
    pub fn typed(&mut self, s: &str, p: &str, value: &str, datatype: &str) {
        self.push(s, p, Literal::new_typed_literal(value, node(datatype)));
    }

    /// `s p "2026-01-15"^^xsd:date`.
    pub fn date(&mut self, s: &str, p: &str, d: Date) {
        self.typed(s, p, &d.to_string(), &format!("{XSD}date"));
    }
}

/// The triples in one syntax. Writing to a `Vec` fails only on a triple
/// the syntax cannot hold (none here); what was written is kept.
pub fn write(triples: &[Triple], format: RdfFormat) -> Vec<u8> {
    // oxttl's and oxrdfxml's serializers have the same methods but no
    // common trait: one body for both.
    macro_rules! triples_with_prefixes {
        ($serializer:expr) => {{
            let mut ser = $serializer;
            for (p, iri) in PREFIXES {
                ser = ser.with_prefix(p, iri).expect("valid prefix IRI");
            }
            let mut w = ser.for_writer(Vec::new());
            for t in triples {
                let _ = w.serialize_triple(t);
            }
            w.finish().unwrap_or_default()
        }};
    }
    let mut out = match format {
        RdfFormat::Turtle => triples_with_prefixes!(oxttl::TurtleSerializer::new()),
        RdfFormat::RdfXml => triples_with_prefixes!(oxrdfxml::RdfXmlSerializer::new()),
        RdfFormat::JsonLd => {
            let mut ser = oxjsonld::JsonLdSerializer::new();
            for (p, iri) in PREFIXES {
                ser = ser.with_prefix(p, iri).expect("valid prefix IRI");
            }
            let mut w = ser.for_writer(Vec::new());
            for t in triples {
                let _ = w.serialize_quad(t.as_ref().in_graph(oxrdf::GraphNameRef::DefaultGraph));
            }
            let flat = w.finish().unwrap_or_default();
            // Indented for people who open the file; the same JSON.
            match serde_json::from_slice::<serde_json::Value>(&flat) {
                Ok(v) => serde_json::to_vec_pretty(&v).unwrap_or(flat),
                Err(_) => flat,
            }
        }
    };
    if out.last() != Some(&b'\n') {
        out.push(b'\n');
    }
    out
}
