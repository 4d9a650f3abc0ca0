//! Stakeholders on the client side and the roles they play in the decision.

use serde::Serialize;

use super::{Day, Id};

/// A role a stakeholder plays; a person can hold several.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    DecisionMaker,
    Champion,
    Coach,
    TechnicalBuyer,
    User,
    ProcurementLegal,
    Blocker,
}

super::keyed::stored_as_keys!(
    Role,
    [
    Role::DecisionMaker => "dm",
    Role::Champion => "ch",
    Role::Coach => "co",
    Role::TechnicalBuyer => "tb",
    Role::User => "us",
    Role::ProcurementLegal => "pl",
    Role::Blocker => "bl",
    ]
);

impl Role {
    pub const ALL: [Role; 7] = [
        Role::DecisionMaker,
        Role::Champion,
        Role::Coach,
        Role::TechnicalBuyer,
        Role::User,
        Role::ProcurementLegal,
        Role::Blocker,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Role::DecisionMaker => "Decision maker / economic buyer",
            Role::Champion => "Champion",
            Role::Coach => "Coach",
            Role::TechnicalBuyer => "Technical buyer",
            Role::User => "User",
            Role::ProcurementLegal => "Procurement or legal",
            Role::Blocker => "Blocker",
        }
    }
    pub fn short(self) -> &'static str {
        match self {
            Role::DecisionMaker => "Decision maker",
            other => other.label(),
        }
    }
}

/// A person on the client side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Stakeholder {
    #[serde(rename = "i")]
    pub id: Id,
    #[serde(rename = "n")]
    pub name: String,
    #[serde(rename = "t", skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(rename = "r", skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    #[serde(rename = "e", skip_serializing_if = "std::ops::Not::not")]
    pub engaged: bool,
    #[serde(rename = "c", skip_serializing_if = "Option::is_none")]
    pub last_contact: Option<Day>,
    #[serde(rename = "x", skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

super::keyed::stored_as_object!(Stakeholder {
    id: "i",
    name: "n",
    title: "t" = String::new(),
    roles: "r" = Vec::new(),
    engaged: "e" = false,
    last_contact: "c" = None,
    notes: "x" = String::new(),
});

impl Stakeholder {
    pub fn new(id: Id, name: String) -> Stakeholder {
        Stakeholder {
            id,
            name,
            title: String::new(),
            roles: Vec::new(),
            engaged: false,
            last_contact: None,
            notes: String::new(),
        }
    }
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
    /// "Dana Kim (Champion, Coach)", or just the name without roles.
    pub fn with_roles(&self) -> String {
        let roles: Vec<&str> = self.roles.iter().map(|r| r.short()).collect();
        if roles.is_empty() {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, roles.join(", "))
        }
    }
}
