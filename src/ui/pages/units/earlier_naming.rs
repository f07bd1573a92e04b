//! 补记授牌信息 on a unit's page: for a site entered already 已授牌 (or 警示), named
//! before the programme was kept here, its 授牌日期 and 牌匾编号 (see
//! `lifecycle::record_earlier_naming`). For a site named here, 补记牌匾编号 (or
//! 修改牌匾编号) records a plaque number left blank at 授牌, or corrects it
//! (`lifecycle::record_plaque_no`). Each opens by a button and closes when saved.

use leptos::prelude::*;

use crate::domain::lifecycle::{labels, record_earlier_naming, record_plaque_no};
use crate::domain::Unit;
use crate::ui::components::fields::{
    keep_draft, update_form, DateField, FormActions, FormDraft, FormFaults, TextField,
};
use crate::ui::state::{AppContext, Notice};

/// The button's and the form's name.
const RECORD: &str = "补记授牌信息";

/// The button, and the form once it is opened.
#[component]
pub(super) fn EarlierNaming(unit: Unit) -> impl IntoView {
    let open = RwSignal::new(false);
    let id = unit.id.clone();
    let missing = unit.named_on.is_none();
    // Entered already 警示: its deadline is recorded here too, if it has none.
    let warned = unit.status == crate::domain::UnitStatus::Warned;
    view! {
        <div class="no-print">
            {missing.then(|| view! {
                <p class="hint" role="note">"本单位是直接按“已授牌”（或“警示”）登记的，还没有授牌日期：补记后，到期复查才能按授牌日期提示。"</p>
            })}
            {move || if open.get() {
                view! { <NamingForm unit_id=id.clone() named_on=unit.named_on.clone().unwrap_or_default()
                    plaque_no=unit.plaque_no.clone().unwrap_or_default() warned
                    rectify_by=unit.rectify_by.clone().unwrap_or_default() on_done=Callback::new(move |_| open.set(false)) /> }.into_any()
            } else {
                view! { <p><button type="button" on:click=move |_| open.set(true)>{RECORD}</button></p> }.into_any()
            }}
        </div>
    }
}

#[component]
fn NamingForm(
    unit_id: String,
    named_on: String,
    plaque_no: String,
    /// The unit is 警示: its 整改期限 is asked for too.
    warned: bool,
    rectify_by: String,
    on_done: Callback<()>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let date = RwSignal::new(named_on);
    let plaque = RwSignal::new(plaque_no);
    let deadline = RwSignal::new(rectify_by);
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let done = Done::new(
        format!("{RECORD}:{unit_id}"),
        vec![date, plaque, deadline],
        on_done,
        form_ref,
    );
    let Done { kept, faults, .. } = done;
    let error = faults.error;
    let id = StoredValue::new(unit_id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = ctx.now();
        done.save(
            ctx,
            RECORD,
            |()| "已补记授牌信息。".into(),
            |s| {
                record_earlier_naming(
                    s,
                    &id.get_value(),
                    &date.get_untracked(),
                    &plaque.get_untracked(),
                    &deadline.get_untracked(),
                    &now,
                )
            },
        );
    };
    let cancel = done.cancel();
    view! {
        <form class="step-form" aria-label=RECORD node_ref=form_ref on:submit=submit>
            <h3>{RECORD}</h3>
            {kept.note()}
            <p class="hint">"授牌日期按当年授牌文件填写；牌匾编号可不填。此项不记入状态履历，也不计入任何年度的授牌统计。"</p>
            <DateField label=labels::NAMING_DATE value=date faults />
            <TextField label=labels::PLAQUE value=plaque faults />
            {warned.then(|| view! {
                <DateField label=labels::DEADLINE value=deadline faults />
                <p class="hint">"警示时定下的整改期限（必填）：期满时据此提示。"</p>
            })}
            <FormActions submit_label="保存授牌信息" on_cancel=cancel error error_id=faults.error_id() />
        </form>
    }
}

/// 补记牌匾编号 (none recorded yet) or 修改牌匾编号, and its form once opened.
#[component]
pub(super) fn PlaqueNumber(unit: Unit) -> impl IntoView {
    let open = RwSignal::new(false);
    let label: &'static str = if unit.plaque_no.as_deref().is_none_or(str::is_empty) {
        "补记牌匾编号"
    } else {
        "修改牌匾编号"
    };
    let id = unit.id.clone();
    let current = unit.plaque_no.clone().unwrap_or_default();
    view! {
        <div class="no-print">
            {move || if open.get() {
                view! { <PlaqueForm label unit_id=id.clone() plaque_no=current.clone()
                    on_done=Callback::new(move |_| open.set(false)) /> }.into_any()
            } else {
                view! { <p><button type="button" on:click=move |_| open.set(true)>{label}</button></p> }.into_any()
            }}
        </div>
    }
}

#[component]
fn PlaqueForm(
    label: &'static str,
    unit_id: String,
    plaque_no: String,
    on_done: Callback<()>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let plaque = RwSignal::new(plaque_no);
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let done = Done::new(
        format!("{label}:{unit_id}"),
        vec![plaque],
        on_done,
        form_ref,
    );
    let Done { kept, faults, .. } = done;
    let error = faults.error;
    let id = StoredValue::new(unit_id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = ctx.now();
        done.save(
            ctx,
            label,
            |()| "已保存牌匾编号。".into(),
            |s| record_plaque_no(s, &id.get_value(), &plaque.get_untracked(), &now),
        );
    };
    let cancel = done.cancel();
    view! {
        <form class="step-form" aria-label=label node_ref=form_ref on:submit=submit>
            <h3>{label}</h3>
            {kept.note()}
            <p class="hint">"按牌匾上的编号填写。不改变授牌日期和状态履历。"</p>
            <TextField label=labels::PLAQUE value=plaque faults />
            <FormActions submit_label="保存牌匾编号" on_cancel=cancel error error_id=faults.error_id() />
        </form>
    }
}

/// How this page's forms end: saved (the draft forgotten, the notice said, the form
/// closed) or refused (the reason in the form), or cancelled.
#[derive(Clone, Copy)]
pub(super) struct Done {
    pub(super) kept: FormDraft,
    on_done: Callback<()>,
    /// The form's refusals (its message is `faults.error`).
    pub(super) faults: FormFaults,
}

impl Done {
    /// A form of this page: its draft kept under `key`, its first field focused.
    pub(super) fn new(
        key: String,
        fields: Vec<RwSignal<String>>,
        on_done: Callback<()>,
        form_ref: NodeRef<leptos::html::Form>,
    ) -> Done {
        crate::ui::components::fields::focus_first_field(form_ref);
        Done {
            kept: keep_draft(key, fields),
            on_done,
            faults: FormFaults::new(),
        }
    }

    pub(super) fn save<T, E: std::fmt::Display + crate::domain::problems::FieldsAt>(
        self,
        ctx: AppContext,
        what: &str,
        said: impl FnOnce(T) -> String,
        change: impl FnOnce(&mut crate::domain::AppState) -> Result<T, E>,
    ) {
        match update_form(ctx, what, change) {
            Ok(out) => {
                self.faults.clear();
                self.kept.done();
                ctx.notice.set(Some(Notice::info(said(out))));
                self.on_done.run(());
            }
            Err(e) => self.faults.refuse(e),
        }
    }

    /// 取消: the draft is forgotten and the form closed.
    pub(super) fn cancel(self) -> Callback<()> {
        Callback::new(move |_| {
            self.kept.done();
            self.on_done.run(());
        })
    }
}
