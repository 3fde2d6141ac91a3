//! The Fluent bundles, compiled into both the server and the WebAssembly bundle so that a language switch
//! in the browser needs no round trip.

use super::Lang;
use fluent_bundle::{concurrent::FluentBundle, FluentArgs, FluentResource};
use std::sync::LazyLock;

/// Lists every `.ftl` file once, for both languages: a file missing from one language fails the build.
macro_rules! locale_files {
    ($($name:literal),+ $(,)?) => {
        #[cfg(test)]
        pub(crate) const FILE_NAMES: &[&str] = &[$($name),+];
        const FR: &[&str] = &[$(include_str!(concat!("../../../locales/fr/", $name, ".ftl"))),+];
        const EN: &[&str] = &[$(include_str!(concat!("../../../locales/en/", $name, ".ftl"))),+];
    };
}

locale_files!(
    "shell",
    "city",
    "catalogue",
    "requests",
    "lifecycle",
    "staff",
    "survey",
    "accounts",
    "privacy",
    "feedback",
    "errors",
);

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<[Bundle; 2]> = LazyLock::new(|| [build(Lang::Fr, FR), build(Lang::En, EN)]);

fn build(lang: Lang, sources: &[&str]) -> Bundle {
    let id = lang.code().parse().expect("fr and en are valid language identifiers");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks around arguments confuse copy-paste and text comparisons in tests.
    bundle.set_use_isolating(false);
    for source in sources {
        // A syntax error is caught by the locale tests; here we keep what parsed.
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, _)| partial);
        bundle.add_resource_overriding(resource);
    }
    bundle
}

fn bundle(lang: Lang) -> &'static Bundle {
    &BUNDLES[match lang {
        Lang::Fr => 0,
        Lang::En => 1,
    }]
}

/// Formats a message. A missing key shows the key itself, so that it is visible on the page and caught by
/// the locale tests rather than breaking the render.
pub fn format(lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(key).and_then(|message| message.value()) else {
        return key.to_string();
    };
    let mut errors = Vec::new();
    bundle.format_pattern(pattern, args, &mut errors).into_owned()
}

#[cfg(test)]
pub(crate) fn sources(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Fr => FR,
        Lang::En => EN,
    }
}
