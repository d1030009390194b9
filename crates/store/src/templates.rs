//! Templates and template versions: the policy a workspace inherits, the rich parameters a
//! version declares and the resources the echo provisioner materialises from it.

use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::jobs::ResourceSpec;
use crate::models::{Template, TemplateVersion};
use crate::schema::{templates, template_versions};
use uuid::Uuid;

use crate::types::{PortShareLevel, Txt};
use crate::{new_id, now, Store, StoreError, StoreResult};

/// A rich parameter declared by a template version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParameterSpec {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// `string`, `number`, `bool` or `list(string)`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Used when the workspace gives no value; a parameter without one is required.
    #[serde(default)]
    pub default_value: Option<String>,
    #[serde(default = "yes")]
    pub mutable: bool,
    /// Allowed values, when the parameter is a choice.
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default)]
    pub validation_min: Option<i64>,
    #[serde(default)]
    pub validation_max: Option<i64>,
    #[serde(default)]
    pub validation_regex: Option<String>,
}

fn yes() -> bool {
    true
}

impl ParameterSpec {
    pub fn required(&self) -> bool {
        self.default_value.is_none()
    }
}

/// Every day of the week, as the autostart days bitmap (Monday bit 0 … Sunday bit 6).
pub const ALL_DAYS: i32 = 0b111_1111;

/// What `create_template` needs; the version it makes becomes the active one.
#[derive(Debug, Clone)]
pub struct NewTemplate {
    pub organization_id: Uuid,
    pub name: String,
    pub display_name: String,
    pub description: String,
    pub icon: String,
    pub created_by: Uuid,
    pub default_ttl_ms: i64,
    pub max_ttl_ms: i64,
    pub allow_user_autostart: bool,
    /// Days on which autostart may happen: a bitmap, Monday bit 0 … Sunday bit 6.
    pub autostart_allowed_days: i32,
    pub time_til_dormant_ms: i64,
    pub time_til_dormant_autodelete_ms: i64,
    pub require_active_version: bool,
    pub max_port_share_level: PortShareLevel,
    pub version_name: String,
    pub parameters: Vec<ParameterSpec>,
    pub resources: Vec<ResourceSpec>,
}

impl NewTemplate {
    /// A template with Coder's default policy (8 h default TTL, nothing else set).
    pub fn new(organization_id: Uuid, name: &str, created_by: Uuid) -> NewTemplate {
        NewTemplate {
            organization_id,
            name: name.to_owned(),
            display_name: String::new(),
            description: String::new(),
            icon: String::new(),
            created_by,
            default_ttl_ms: 8 * 3600 * 1000,
            max_ttl_ms: 0,
            allow_user_autostart: true,
            autostart_allowed_days: ALL_DAYS,
            time_til_dormant_ms: 0,
            time_til_dormant_autodelete_ms: 0,
            require_active_version: false,
            max_port_share_level: PortShareLevel::Public,
            version_name: "v1".into(),
            parameters: Vec::new(),
            resources: vec![ResourceSpec::default_dev_container()],
        }
    }
}

impl TemplateVersion {
    pub fn parameter_specs(&self) -> StoreResult<Vec<ParameterSpec>> {
        serde_json::from_str(&self.parameters).map_err(|e| StoreError::Corrupt(format!("template version {} parameters: {e}", self.id)))
    }

    pub fn resource_specs(&self) -> StoreResult<Vec<ResourceSpec>> {
        serde_json::from_str(&self.resources).map_err(|e| StoreError::Corrupt(format!("template version {} resources: {e}", self.id)))
    }
}

fn to_json<T: Serialize>(v: &T) -> StoreResult<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Corrupt(e.to_string()))
}

impl Store {
    pub fn create_template(&self, new: &NewTemplate) -> StoreResult<(Template, TemplateVersion)> {
        let t = now();
        let version = TemplateVersion {
            id: new_id(),
            template_id: None,
            organization_id: new.organization_id,
            name: new.version_name.clone(),
            message: String::new(),
            parameters: to_json(&new.parameters)?,
            resources: to_json(&new.resources)?,
            created_by: new.created_by,
            created_at: t,
            updated_at: t,
        };
        let template = Template {
            id: new_id(),
            organization_id: new.organization_id,
            name: new.name.clone(),
            display_name: new.display_name.clone(),
            description: new.description.clone(),
            icon: new.icon.clone(),
            active_version_id: version.id,
            created_by: new.created_by,
            default_ttl_ms: new.default_ttl_ms,
            max_ttl_ms: new.max_ttl_ms,
            activity_bump_ms: 3600 * 1000,
            allow_user_autostart: new.allow_user_autostart,
            allow_user_autostop: true,
            allow_user_cancel_workspace_jobs: true,
            time_til_dormant_ms: new.time_til_dormant_ms,
            time_til_dormant_autodelete_ms: new.time_til_dormant_autodelete_ms,
            require_active_version: new.require_active_version,
            use_classic_parameter_flow: false,
            max_port_share_level: new.max_port_share_level,
            deleted: false,
            created_at: t,
            updated_at: t,
            autostart_allowed_days: new.autostart_allowed_days,
        };
        let version = TemplateVersion { template_id: Some(template.id), ..version };
        self.write(|c| {
            diesel::insert_into(templates::table).values(template.clone()).execute(c)?;
            diesel::insert_into(template_versions::table).values(version.clone()).execute(c)?;
            Ok(())
        })?;
        Ok((template, version))
    }

    /// Adds a version to a template; with `activate` it becomes the active one, which makes
    /// workspaces built from older versions `outdated`.
    pub fn create_template_version(
        &self,
        template: &Template,
        name: &str,
        parameters: &[ParameterSpec],
        resources: &[ResourceSpec],
        created_by: Uuid,
        activate: bool,
    ) -> StoreResult<TemplateVersion> {
        let t = now();
        let version = TemplateVersion {
            id: new_id(),
            template_id: Some(template.id),
            organization_id: template.organization_id,
            name: name.to_owned(),
            message: String::new(),
            parameters: to_json(&parameters)?,
            resources: to_json(&resources)?,
            created_by,
            created_at: t,
            updated_at: t,
        };
        self.write(|c| {
            diesel::insert_into(template_versions::table).values(version.clone()).execute(c)?;
            if activate {
                diesel::update(templates::table.find(Txt::from(template.id)))
                    .set((templates::active_version_id.eq(Txt::from(version.id)), templates::updated_at.eq(t)))
                    .execute(c)?;
            }
            Ok(())
        })?;
        Ok(version)
    }

    pub fn template_by_id(&self, id: Uuid) -> StoreResult<Option<Template>> {
        self.read(|c| {
            Ok(templates::table
                .find(Txt::from(id))
                .filter(diesel::dsl::not(templates::deleted))
                .select(Template::as_select())
                .first(c)
                .optional()?)
        })
    }

    pub fn template_version_by_id(&self, id: Uuid) -> StoreResult<Option<TemplateVersion>> {
        self.read(|c| {
            Ok(template_versions::table.find(Txt::from(id)).select(TemplateVersion::as_select()).first(c).optional()?)
        })
    }

    /// The live templates `actor` may see (those of its organizations, every one for an
    /// actor that sees every organization: `crate::authz`), by name, with the username of
    /// each template's creator.
    pub fn templates_visible_to(&self, actor: &crate::Actor) -> StoreResult<Vec<(Template, String)>> {
        use crate::schema::users;
        self.read(|c| {
            let mut q = templates::table
                .inner_join(users::table.on(users::id.eq(templates::created_by)))
                .filter(diesel::dsl::not(templates::deleted))
                .into_boxed();
            if !actor.sees_every_organization() {
                q = q.filter(templates::organization_id.eq_any(crate::authz::organizations_of!(actor.user_id)));
            }
            Ok(q.order((templates::name, templates::id)).select((Template::as_select(), users::username)).load(c)?)
        })
    }

    pub fn list_templates(&self) -> StoreResult<Vec<Template>> {
        self.read(|c| {
            Ok(templates::table
                .filter(diesel::dsl::not(templates::deleted))
                .order(templates::name)
                .select(Template::as_select())
                .load(c)?)
        })
    }

    /// Updates the policy fields of a template (admin CLI and tests).
    pub fn update_template_policy(&self, template: &Template) -> StoreResult<()> {
        self.write(|c| {
            diesel::update(templates::table.find(Txt::from(template.id)))
                .set((
                    templates::default_ttl_ms.eq(template.default_ttl_ms),
                    templates::max_ttl_ms.eq(template.max_ttl_ms),
                    templates::allow_user_autostart.eq(template.allow_user_autostart),
                    templates::allow_user_autostop.eq(template.allow_user_autostop),
                    templates::autostart_allowed_days.eq(template.autostart_allowed_days),
                    templates::time_til_dormant_ms.eq(template.time_til_dormant_ms),
                    templates::time_til_dormant_autodelete_ms.eq(template.time_til_dormant_autodelete_ms),
                    templates::require_active_version.eq(template.require_active_version),
                    templates::max_port_share_level.eq(Txt::from(template.max_port_share_level)),
                    templates::updated_at.eq(now()),
                ))
                .execute(c)?;
            // A lowered max lowers the shares above it, as Coder's template update does.
            crate::port_shares::reduce_to_max(c, template.id, template.max_port_share_level)?;
            Ok(())
        })
    }
}
