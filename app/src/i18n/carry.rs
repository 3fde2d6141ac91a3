//! The language switch without JavaScript, on a page with a form: what was typed comes along. The
//! header's switch is then a submit button of the page's form (`form="page-form"`, [`super::PAGE_FORM`],
//! written by [`switch_button`]) posting to `/language/{code}`: the fields go into a short-lived cookie,
//! nothing is saved, and the browser is sent back to the page, whose HTML gets the fields filled in
//! again on its way out ([`refill`]) before the cookie is cleared. Passwords and codes never travel.
//! With JavaScript the switch changes the text in place and nothing of this happens.

use super::{Lang, PAGE_FORM};
use crate::errors::Field;
use axum::{
    body::Body,
    extract::{Form, Path, Request},
    http::{header, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

const COOKIE: &str = "kept";
/// A cookie holds 4 kB; what does not fit is not carried (the longest fields are dropped first).
const MAX_KEPT: usize = 3_000;
/// The page's HTML is rewritten in memory: pages are far smaller than this.
const MAX_PAGE: usize = 4 * 1024 * 1024;

/// Fields that never leave the form: secrets, and where to go back to.
fn never_kept(name: &str) -> bool {
    let secrets = [
        Field::Password,
        Field::NewPassword,
        Field::CurrentPassword,
        Field::ConfirmPassword,
        Field::EmailPassword,
        Field::Code,
    ];
    name == "return" || secrets.iter().any(|field| field.code() == name)
}

/// The switch as a button of the page's form, for a `<noscript>` in the header: `lang` is the language
/// it switches to, `here` the page to come back to, `label` its words. Before it, a hidden button of
/// the form: Enter in a field submits a form by its first submit button in the page's order, which the
/// switch would otherwise be (the header comes before the form).
pub fn switch_button(lang: Lang, here: &str, label: &str) -> String {
    let (code, here, label) = (lang.code(), escaped(here), escaped(label));
    format!(
        r#"<button type="submit" form="{PAGE_FORM}" hidden tabindex="-1"></button><button type="submit" class="lang-toggle lang-carry" form="{PAGE_FORM}" formaction="/language/{code}" formmethod="post" formenctype="application/x-www-form-urlencoded" formnovalidate name="return" value="{here}" lang="{code}">{label}</button>"#
    )
}

fn escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// `POST /language/{code}`: the switch, carrying the form's fields back to the page (`return`).
pub async fn carry_language(Path(code): Path<String>, Form(fields): Form<Vec<(String, String)>>) -> Response {
    let return_to = fields.iter().find(|(name, _)| name == "return").map(|(_, path)| path.as_str());
    super::ssr::switched(&code, return_to, &[kept_cookie(&fields)])
}

/// The fields as a cookie, for one minute: `name=value&...`, form-encoded.
fn kept_cookie(fields: &[(String, String)]) -> String {
    let mut kept: Vec<&(String, String)> = fields.iter().filter(|(name, _)| !never_kept(name)).collect();
    let size = |kept: &[&(String, String)]| kept.iter().map(|(n, v)| n.len() + v.len() * 3 + 2).sum::<usize>();
    while size(&kept) > MAX_KEPT {
        let longest = kept.iter().enumerate().max_by_key(|(_, (_, value))| value.len()).map(|(at, _)| at);
        kept.remove(longest.unwrap_or(0));
    }
    let mut value = form_urlencoded::Serializer::new(String::new());
    for (name, field) in kept {
        value.append_pair(name, field);
    }
    format!("{COOKIE}={}; Path=/; Max-Age=60; HttpOnly; SameSite=Lax", value.finish())
}

/// A middleware: a page asked for while the cookie is there gets the fields filled in, and the cookie
/// is cleared. Anything else passes untouched.
pub async fn refill(request: Request, next: Next) -> Response {
    let kept = (request.method() == Method::GET)
        .then(|| crate::cookies::value(request.headers(), COOKIE))
        .flatten()
        .map(fields_of);
    let response = next.run(request).await;
    let Some(kept) = kept else { return response };
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|kind| kind.to_str().ok())
        .is_some_and(|kind| kind.starts_with("text/html"));
    if !html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_PAGE).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let page = String::from_utf8_lossy(&bytes);
    let filled = filled_in(&page, &kept).unwrap_or_else(|_| page.into_owned());
    parts.headers.remove(header::CONTENT_LENGTH);
    if let Ok(clear) = HeaderValue::from_str(&format!("{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax")) {
        parts.headers.append(header::SET_COOKIE, clear);
    }
    Response::from_parts(parts, Body::from(filled))
}

/// Each name's values, in the order they came.
fn fields_of(cookie: &str) -> HashMap<String, Vec<String>> {
    let mut fields: HashMap<String, Vec<String>> = HashMap::new();
    for (name, value) in form_urlencoded::parse(cookie.as_bytes()) {
        fields.entry(name.into_owned()).or_default().push(value.into_owned());
    }
    fields
}

/// The page with the kept fields in its inputs, text areas, lists, radio buttons and boxes. Hidden
/// inputs and passwords are left as the page has them; a field the page does not have is ignored.
fn filled_in(page: &str, kept: &HashMap<String, Vec<String>>) -> Result<String, lol_html::errors::RewritingError> {
    use lol_html::{element, html_content::ContentType, rewrite_str, RewriteStrSettings};
    let select = Rc::new(RefCell::new(None::<String>));
    let (in_select, in_option) = (select.clone(), select);
    rewrite_str(
        page,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("input[name]", |input| {
                    let name = input.get_attribute("name").unwrap_or_default();
                    let Some(values) = kept.get(&name) else { return Ok(()) };
                    let kind = input.get_attribute("type").unwrap_or_else(|| "text".into()).to_ascii_lowercase();
                    match kind.as_str() {
                        "hidden" | "password" | "file" | "submit" | "button" => {}
                        "radio" | "checkbox" => {
                            let value = input.get_attribute("value").unwrap_or_else(|| "on".into());
                            match values.contains(&value) {
                                true => input.set_attribute("checked", "")?,
                                false => input.remove_attribute("checked"),
                            }
                        }
                        _ => input.set_attribute("value", &values[0])?,
                    }
                    Ok(())
                }),
                element!("textarea[name]", |area| {
                    if let Some(values) = kept.get(&area.get_attribute("name").unwrap_or_default()) {
                        area.set_inner_content(&values[0], ContentType::Text);
                    }
                    Ok(())
                }),
                // Options are inside their list: the last list opened is theirs.
                element!("select[name]", move |list| {
                    *in_select.borrow_mut() = list.get_attribute("name");
                    Ok(())
                }),
                element!("option", move |option| {
                    let Some(values) = in_option.borrow().as_ref().and_then(|name| kept.get(name)) else {
                        return Ok(());
                    };
                    let value = option.get_attribute("value").unwrap_or_default();
                    match values.contains(&value) {
                        true => option.set_attribute("selected", "")?,
                        false => option.remove_attribute("selected"),
                    }
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(pairs: &[(&str, &str)]) -> HashMap<String, Vec<String>> {
        let fields: Vec<(String, String)> = pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
        let cookie = kept_cookie(&fields);
        let value = cookie.split_once('=').unwrap().1.split(';').next().unwrap();
        fields_of(value)
    }

    #[test]
    fn what_was_typed_goes_back_into_the_page_and_secrets_stay_out() {
        let page = r#"<form id="page-form">
            <input name="draft" type="hidden" value="abc">
            <input name="email" type="email" value="">
            <input name="password" type="password">
            <textarea name="improve">old</textarea>
            <input type="radio" name="easy" value="yes" checked><input type="radio" name="easy" value="no">
            <input type="checkbox" name="kinds" value="a"><input type="checkbox" name="kinds" value="b">
            <select name="channel"><option value="phone" selected>P</option><option value="email">E</option></select>
            <select name="other"><option value="x" selected>X</option></select>
        </form>"#;
        let fields = kept(&[
            ("draft", "changed"),
            ("email", "marie@example.ca"),
            ("password", "secret word"),
            ("code", "123456"),
            ("return", "/feedback"),
            ("improve", "Des <b>cartes</b> & plus"),
            ("easy", "no"),
            ("kinds", "a"),
            ("kinds", "b"),
            ("channel", "email"),
        ]);
        assert!(!fields.contains_key("password") && !fields.contains_key("code") && !fields.contains_key("return"));
        let filled = filled_in(page, &fields).unwrap();
        for expected in [
            r#"name="draft" type="hidden" value="abc""#,
            r#"name="email" type="email" value="marie@example.ca""#,
            r#"<textarea name="improve">Des &lt;b&gt;cartes&lt;/b&gt; &amp; plus</textarea>"#,
            r#"<input type="radio" name="easy" value="yes"><input type="radio" name="easy" value="no" checked="">"#,
            r#"name="kinds" value="a" checked=""><input type="checkbox" name="kinds" value="b" checked="">"#,
            r#"<option value="phone">P</option><option value="email" selected="">E</option>"#,
            r#"<select name="other"><option value="x" selected>X</option>"#,
        ] {
            assert!(filled.contains(expected), "{expected} not in {filled}");
        }
    }

    #[test]
    fn the_switch_button_sends_the_page_form_back_here() {
        let button = switch_button(Lang::Fr, "/search?q=\"<bac>&x", "Français");
        assert!(button.starts_with(r#"<button type="submit" form="page-form" hidden tabindex="-1"></button>"#));
        assert!(button.contains(r#"formaction="/language/fr""#) && button.contains(">Français</button>"));
        assert!(button.contains(r#"value="/search?q=&quot;&lt;bac&gt;&amp;x""#), "{button}");
    }

    #[test]
    fn a_cookie_holds_what_fits() {
        let long = "é".repeat(2_000);
        let fields = kept(&[("name", "Marie"), ("improve", &long), ("comment", "court")]);
        assert_eq!(fields.get("name").map(Vec::as_slice), Some(&["Marie".to_string()][..]));
        assert!(!fields.contains_key("improve"), "the longest is dropped");
        assert!(fields.contains_key("comment"));
    }
}
