//! Step 1, "Where is it?": the resident types an address and picks one of the city's civic addresses
//! from the suggestions (radio buttons, updated as they type), or lets the browser locate them and gets
//! the nearest address. Without JavaScript, "Find" reloads the page with the suggestions. The agent's
//! one-page form (intake) uses the same picker.

use crate::addresses::{suggest_addresses, Address};
use crate::components::{action_error, problem_for, ErrorSummary, ProblemLine, SubmitButton};
use crate::errors::{AppError, Field};
use crate::i18n::{t, use_i18n, Arg};
use crate::requests::api::SavePlace;
use crate::requests::model::DraftView;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Where(view: DraftView) -> impl IntoView {
    let action = ServerAction::<SavePlace>::new();
    let AddressPicker { search, choices, error } = address_picker(&view, action_error(action.value()), false);
    view! {
        <ErrorSummary error/>
        {search}
        <ActionForm action attr:novalidate=true attr:class="form">
            <input type="hidden" name="draft" value=view.id.as_str().to_string()/>
            {choices}
            <SubmitButton label="step-continue" pending=action.pending()/>
        </ActionForm>
    }
}

/// The address box and the civic addresses it suggests, for the wizard's first step and the agent's
/// one-page form (intake), in two parts: the search, which stands outside any other form (Enter there
/// searches), and the choices, which go inside the form that saves.
pub struct AddressPicker {
    pub search: AnyView,
    pub choices: AnyView,
    /// `saved`'s problem, or "use my location"'s, for the page's error summary.
    pub error: Signal<Option<AppError>>,
}

/// The picker for `view`'s draft; `saved` is the problem of the form that saves the choice. With
/// `focus`, the address box has the focus when the page opens (an agent types at once).
pub fn address_picker(view: &DraftView, saved: Signal<Option<AppError>>, focus: bool) -> AddressPicker {
    let i18n = use_i18n();
    let initial = use_query_map().get_untracked().get("q").unwrap_or_default();
    let query = RwSignal::new(initial.clone());
    let suggestions = Resource::new(
        move || query.get(),
        |query| async move {
            match query.trim().is_empty() {
                true => Ok(vec![]),
                false => suggest_addresses(query).await,
            }
        },
    );
    let located = RwSignal::new(None::<Address>);
    let locate_error = RwSignal::new(None::<AppError>);
    let error = Signal::derive(move || locate_error.get().or_else(|| saved.get()));
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let address_box = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let (true, Some(input)) = (focus, address_box.get()) {
            let _ = input.focus();
        }
    });
    // An agent filing for a caller is not where the problem is.
    let can_locate = view.for_caller.is_none();
    let chosen = view.place.clone();
    let chosen_id = view.place.as_ref().map(|place| place.address_id);
    let choices = move || {
        let found: Vec<Address> = suggestions.get().and_then(Result::ok).unwrap_or_default();
        // Shown in the page's language (« 200, rue Brady »); chosen by id.
        let shown = |label: &str| crate::addresses::written(label, i18n.lang());
        let mut options: Vec<(i64, String)> = Vec::new();
        if let Some(address) = located.get() {
            options.push((address.id, shown(&address.label())));
        } else if let Some(place) = &chosen {
            options.push((place.address_id, shown(&place.label)));
        }
        for address in found {
            if !options.iter().any(|(id, _)| *id == address.id) {
                options.push((address.id, shown(&address.label())));
            }
        }
        options
    };
    // The suggestions are read inside the Transition only: read outside it, they would be read inside
    // the page's Suspense, which would then redraw the page as each letter is typed, taking the focus
    // out of the address box. The count for the live region comes out of the Transition by this signal.
    let shown = RwSignal::new(0usize);
    let found = move || {
        let count = shown.get();
        (!query.get().trim().is_empty()).then(|| i18n.t_args("where-found", &[("count", Arg::from(count))]))
    };
    let locate = move |_| {
        locate_error.set(None);
        locate_me(move |found| match found {
            Ok(address) => located.set(Some(address)),
            Err(error) => locate_error.set(Some(error)),
        });
    };
    let search = view! {
        <form method="get" class="address-search" on:submit=|ev| ev.prevent_default()>
            <label for="address-query">{t("where-query-label")}</label>
            <p class="hint" id="address-query-hint">{t("where-query-hint")}</p>
            <div class="search-row">
                <input
                    id="address-query"
                    name="q"
                    type="search"
                    autocomplete="off"
                    autofocus=focus
                    node_ref=address_box
                    aria-describedby="address-query-hint"
                    aria-controls="address"
                    prop:value=initial
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
                <button type="submit" class="button button-secondary">{t("where-find")}</button>
            </div>
        </form>
        <Show when=move || hydrated.get() && can_locate>
            <p>
                <button type="button" class="button button-secondary" on:click=locate>{t("where-locate")}</button>
            </p>
        </Show>
    }
    .into_any();
    let choices = view! {
        // One live region for the whole page: a screen reader announces each new count.
        <p class="visually-hidden" aria-live="polite">{found}</p>
        <Transition fallback=|| ()>
            {move || {
                let selected = located.get().map(|address| address.id).or(chosen_id);
                shown.set(suggestions.get().and_then(Result::ok).map_or(0, |found| found.len()));
                view! { <AddressChoices options=choices() selected error/> }
            }}
        </Transition>
    }
    .into_any();
    AddressPicker { search, choices, error }
}

#[component]
fn AddressChoices(
    options: Vec<(i64, String)>,
    selected: Option<i64>,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let problem = problem_for(error, Field::Address);
    let empty = options.is_empty();
    view! {
        <div class="field" class:field-invalid=move || problem().is_some()>
            <fieldset aria-describedby=move || problem().map(|_| "address-error")>
                <legend>{t("field-address")}</legend>
                {move || problem().map(|problem| view! { <ProblemLine id="address-error" problem/> })}
                {empty.then(|| view! { <p class="hint" id="address">{t("where-none")}</p> })}
                {options
                    .into_iter()
                    .enumerate()
                    .map(|(index, (id, label))| {
                        let input_id = if index == 0 { "address".to_string() } else { format!("address-{id}") };
                        view! {
                            <div class="choice">
                                <input type="radio" id=input_id.clone() name="address" value=id.to_string() checked=selected == Some(id)/>
                                <label for=input_id>{label}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
        </div>
    }
}

/// Asks the browser where the resident is, then the server for the nearest address.
fn locate_me(done: impl FnOnce(Result<Address, AppError>) + 'static) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::{closure::Closure, JsCast, JsValue};
        let failed = || AppError::field(Field::Address, crate::errors::Problem::LocationUnavailable);
        let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
            return done(Err(failed()));
        };
        let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
        let on_error = done.clone();
        let found = Closure::once_into_js(move |position: web_sys::Position| {
            let coords = position.coords();
            let (latitude, longitude) = (coords.latitude(), coords.longitude());
            leptos::task::spawn_local(async move {
                let result = crate::addresses::nearest_address(latitude, longitude).await;
                if let Some(done) = done.borrow_mut().take() {
                    done(result);
                }
            });
        });
        let refused = Closure::once_into_js(move |_: JsValue| {
            if let Some(done) = on_error.borrow_mut().take() {
                done(Err(failed()));
            }
        });
        let _ =
            geolocation.get_current_position_with_error_callback(found.unchecked_ref(), Some(refused.unchecked_ref()));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = done;
}
